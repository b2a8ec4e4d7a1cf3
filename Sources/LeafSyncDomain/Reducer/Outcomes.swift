import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Outcomes of outbound commands (R-ENG-03) and retries with backoff (R-ERR-03).
extension Reduction {
    /// A success: the key is done for good, the effects of the response are applied, and an open
    /// error of the command (it had been abandoned and retried, or it succeeded after all) resolves.
    mutating func commandSucceeded(key: String, response: JSONValue) {
        guard let command = state.commands.finish(key, as: .done) else { return }
        resolve(subject: command.subject, rule: failureRule(command), detail: key)
        withdrawSupersededValues(before: command)
        switch command.action {
        case .createSalesOrder(let draft): salesOrderCreated(number: draft.leafLinkOrderNumber, response: response)
        case .createLeafLinkProduct(let draft): leafLinkProductCreated(draft, response: response)
        case .postLeafLinkPayment(let draft) where key.hasPrefix("ll-payment:"): paymentPosted(draft)
        case .sendErrorEmail(let mail):
            state.errors[mail.errorID]?.emailedAt = now
        case .createMetrcTemplate(let draft): metrcTemplateCreated(draft, response: response)
        default: break
        }
    }

    /// A value written (a quantity, a price, a ship date) makes the abandoned older writes of the
    /// same slot it waited for moot: they are withdrawn and their errors resolve.
    private mutating func withdrawSupersededValues(before command: Command) {
        guard let slot = command.action.latestValueSlot else { return }
        var dependency = command.dependsOn
        while let key = dependency, state.commands.abandoned.contains(key),
            let older = state.commands.finished[key], older.action.latestValueSlot == slot
        {
            state.commands.finish(key, as: .cancelled)
            resolve(subject: older.subject, rule: failureRule(older), detail: key)
            note(older.subject, "R-ERR-03", "\(key) superseded by \(command.key), which succeeded; withdrawn")
            dependency = older.dependsOn
        }
    }

    /// A failed attempt: retried after a backoff while a retry may help, else (or after
    /// ``CommandBook/maxAttempts`` attempts) abandoned as a sync error that stays open until the
    /// operator retries the command.
    mutating func commandFailed(_ failure: CommandFailure) {
        let key = failure.key
        guard let command = state.commands.pending[key] else { return }
        if case .createSalesOrder(let draft) = command.action, state.orders[draft.leafLinkOrderNumber]?.salesOrderID != nil {
            // R-ORD-15: its SO was found in Distru meanwhile (adopted); creating it again is moot.
            state.commands.finish(key, as: .cancelled)
            note(command.subject, "R-ORD-15", "\(key) failed, but the order's SO is already in Distru: withdrawn")
            return
        }
        let attempts = (state.commands.attempts[key] ?? 0) + 1
        state.commands.attempts[key] = attempts
        state.commands.lastError[key] = failure.error
        if case .createMetrcTemplate(let draft) = command.action { metrcTemplateFailed(draft, error: failure.error) }
        if failure.mayRetry && attempts < CommandBook.maxAttempts {
            let due = Reduction.retryTime(key: key, attempt: attempts, after: now)
            state.commands.retryAt[key] = due
            note(command.subject, "R-ERR-03", "\(key) failed (attempt \(attempts)): \(failure.error); retrying at \(due)")
            return
        }
        state.commands.finish(key, as: .abandoned)
        let why = failure.mayRetry ? "failed \(attempts) times" : "was refused"
        let rule = failureRule(command)
        var mailed = true
        if case .sendErrorEmail = command.action { mailed = false }  // no e-mail about an e-mail that failed
        raise(
            subject: command.subject, rule: rule,
            message: "\(rule): \(describe(command.action)) \(why): \(failure.error)",
            fix:
                "Fix the cause named in the error in the remote system, then retry the command (`leafsync retry \(key)`, or `leafsync retry --failed`).",
            detail: key, mailed: mailed)
        if case .createSalesOrder = command.action, var sync = state.orders[command.subject.dropPrefix("ll-order:")],
            sync.phase == .creating  // an SO adopted meanwhile stays synced (R-ORD-15)
        {
            sync.phase = .blocked
            state.orders[sync.number] = sync
        }
    }

    /// R-ERR-03: when attempt `attempt` of `key` failed at `now`, the next is due after 30 s·2^(attempt−1)
    /// plus a jitter of up to a quarter of that, derived from the key and the attempt (``StableHash``),
    /// so failures of many commands at once do not retry in step, and a replay computes the same time.
    static func retryTime(key: String, attempt: Int, after now: Timestamp) -> Timestamp {
        let delay = Int64(30_000_000) << Int64(max(0, attempt - 1))
        let jitter = Int64(StableHash.fnv1a64("\(key)#\(attempt)") % UInt64(delay / 4))
        return Timestamp(microseconds: now.microseconds + delay + jitter)
    }

    /// Re-emits failed commands whose backoff has passed (the dispatcher also finds them in
    /// ``CommandBook/ready(at:)`` from their due time on).
    mutating func retryDueCommands() {
        for key in state.commands.retryAt.keys.sorted() {
            guard let due = state.commands.retryAt[key], due <= now, let command = state.commands.pending[key] else { continue }
            state.commands.retryAt[key] = nil
            commands.append(command)
        }
    }

    /// The operator's retry of one command: an abandoned one goes back to pending, ready now, its
    /// attempts reset; its sync error stays open until it succeeds (R-ERR-03).
    mutating func retryCommand(_ key: String) {
        let subject = "command:\(key)"
        if state.commands.done.contains(key) {
            refuse(subject, "R-ERR-03", "command \(key) already succeeded; it is never sent again")
            return
        }
        if state.commands.cancelled.contains(key) {
            refuse(subject, "R-ERR-03", "command \(key) was withdrawn (its product was unlinked, or a newer value was written)")
            return
        }
        guard reopen(key) else {
            refuse(subject, "R-ERR-03", "no command has the key \(key); `leafsync audit commands` lists them")
            return
        }
    }

    /// The operator's retry of every abandoned command, in emission order.
    mutating func retryFailedCommands() {
        let keys = state.commands.abandoned.sorted {
            (state.commands.finished[$0]?.sequence ?? 0, $0) < (state.commands.finished[$1]?.sequence ?? 0, $1)
        }
        for key in keys { reopen(key) }
    }

    @discardableResult
    private mutating func reopen(_ key: String) -> Bool {
        guard let command = state.commands.reopen(key) else { return false }
        commands.append(command)
        note(command.subject, "R-ERR-03", "\(key) retried by the operator")
        if case .createSalesOrder = command.action, var sync = state.orders[command.subject.dropPrefix("ll-order:")],
            sync.phase == .blocked
        {
            sync.phase = .creating
            sync.blockers = []
            state.orders[sync.number] = sync
        }
        return true
    }

    private func failureRule(_ command: Command) -> String {
        if case .transitionLeafLinkOrder = command.action { return "R-UPD-08" }
        return "R-ERR-03"
    }

    func describe(_ action: CommandAction) -> String {
        switch action {
        case .createSalesOrder(let d): "creating the Distru SO for LeafLink order \(d.leafLinkShortID ?? d.leafLinkOrderNumber)"
        case .updateSalesOrder(let id, _): "updating Distru SO \(id)"
        case .setSalesOrderStatus(let id, let status): "setting Distru SO \(id) to \(status.rawValue)"
        case .completeSalesOrder(let id, let transfer, _): "completing Distru SO \(id) with Metrc transfer \(transfer)"
        case .deleteSalesOrder(let id): "deleting Distru SO \(id)"
        case .createLeafLinkProduct(let d): "creating LeafLink product \(d.name)"
        case .updateLeafLinkProduct(let id, _): "updating LeafLink product \(id)"
        case .setDistruSalePrice(let id, let price): "setting the sale price of Distru product \(id) to \(price)"
        case .pushLeafLinkInventory(let id, let q): "pushing quantity \(q) to LeafLink product \(id)"
        case .postLeafLinkPayment(let p): "posting a \(p.amount) payment on LeafLink order \(p.orderNumber)"
        case .transitionLeafLinkOrder(let n, let t): "the LeafLink transition \(t.rawValue) of order \(n)"
        case .setLeafLinkShipDate(let n, let d): "setting ship date \(d) on LeafLink order \(n)"
        case .setLeafLinkExternalIDs(let n, _): "setting external ids on LeafLink order \(n)"
        case .createMetrcTemplate(let d): "creating Metrc template \(d.name)"
        case .fetchRecord(let s, let k, let id): "fetching \(s) \(k) \(id)"
        case .poll(let s, let k): "polling \(s) \(k)"
        case .sendErrorEmail(let m): "e-mailing \(m.subjectLine)"
        }
    }
}

extension String {
    func dropPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
