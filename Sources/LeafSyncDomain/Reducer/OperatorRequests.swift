import LeafSyncLog

/// The outcome of each operator request (``OperatorRequest``): accepted, refused with its rule,
/// or waiting for records not fetched yet and decided by a later event.
extension Reduction {
    /// Applies an operator request and records what came of it. A request that waits is kept in
    /// `state.waitingRequests` under its ``waitKey(_:)`` until ``settleWaitingRequests(replacedBy:)``
    /// decides it.
    mutating func operatorRequest(_ action: OperatorAction, sequence: UInt64) {
        operatorAction(action)
        // An earlier request this one withdrew (an unlink, or a link to another product) is replaced.
        settleWaitingRequests(replacedBy: sequence)
        var request = OperatorRequest(
            sequence: sequence, at: now, type: action.eventType, subject: action.subject, status: .accepted, decidedAt: now)
        if let refusal = refusalsMade.first {
            request.status = .refused
            request.rule = refusal.rule
            request.reason = refusal.why
        } else if let key = waitKey(action), isWaiting(key) {
            request.status = .waiting
            request.decidedAt = nil
            if let earlier = state.waitingRequests[key] { replace(earlier, by: sequence) }
            state.waitingRequests[key] = state.operatorRequests.count
        }
        state.operatorRequests.append(request)
    }

    /// Decides the waiting requests whose wait ended in this step: refused when this step refused
    /// their subject, replaced when an operator request (`replacedBy`) withdrew them, else accepted.
    mutating func settleWaitingRequests(replacedBy sequence: UInt64?) {
        for (key, index) in state.waitingRequests.sorted(by: { $0.key < $1.key }) where !isWaiting(key) {
            state.waitingRequests[key] = nil
            if let sequence {
                replace(index, by: sequence)
                continue
            }
            let subject = state.operatorRequests[index].subject
            if let refusal = refusalsMade.first(where: { $0.subject == subject }) {
                state.operatorRequests[index].status = .refused
                state.operatorRequests[index].rule = refusal.rule
                state.operatorRequests[index].reason = refusal.why
            } else {
                state.operatorRequests[index].status = .accepted
            }
            state.operatorRequests[index].decidedAt = now
        }
    }

    private mutating func replace(_ index: Int, by sequence: UInt64) {
        state.operatorRequests[index].status = .replaced
        state.operatorRequests[index].reason = "withdrawn or replaced by the operator request at log sequence \(sequence)"
        state.operatorRequests[index].decidedAt = now
    }

    /// What a request that may wait waits on: `link:<Distru id>` (``SyncState/waitingLinks``) or
    /// `create:<Distru id>` (``SyncState/waitingCreations``); nil for requests that never wait.
    private func waitKey(_ action: OperatorAction) -> String? {
        switch action {
        case .linkProduct(let d, _), .acceptSuggestion(let d, _): "link:\(d)"
        case .createLeafLinkProduct(let r): "create:\(r.distruProductID)"
        default: nil
        }
    }

    private func isWaiting(_ key: String) -> Bool {
        if key.hasPrefix("link:") { return state.waitingLinks[String(key.dropFirst("link:".count))] != nil }
        return state.waitingCreations[String(key.dropFirst("create:".count))] != nil
    }
}
