import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Outcomes of outbound commands (R-ENG-03) and retries with backoff (R-ERR-03).
extension Reduction {
    mutating func commandSucceeded(key: String, response: JSONValue) {
        state.commands.done.insert(key)
        state.commands.attempts[key] = nil
        state.commands.retryAt[key] = nil
        guard let command = state.commands.pending.removeValue(forKey: key) else { return }
        resolve(subject: command.subject, rule: failureRule(command), detail: key)
        switch command.action {
        case .createSalesOrder(let draft): salesOrderCreated(number: draft.leafLinkOrderNumber, response: response)
        case .createLeafLinkProduct(let draft): leafLinkProductCreated(draft, response: response)
        case .sendErrorEmail(let mail):
            state.errors[mail.errorID]?.emailedAt = now
        case .createMetrcTemplate(let draft):
            let body = response.unwrappingData
            if let id = body.first("Ids", "ids")?.array?.first?.idString ?? body["Id"]?.idString ?? body["id"]?.idString {
                state.metrcTemplates[draft.salesOrderID] = id
                note("distru-order:\(draft.salesOrderID)", "R-MTC-01", "Metrc template \(id) created as \(draft.name)")
            }
        default: break
        }
    }

    mutating func commandFailed(key: String, error: String, retryable: Bool) {
        guard let command = state.commands.pending[key] else { return }
        let attempts = (state.commands.attempts[key] ?? 0) + 1
        state.commands.attempts[key] = attempts
        if retryable && attempts < CommandBook.maxAttempts {
            // Backoff: 30 s, 60 s, 120 s, 240 s.
            let delay = Int64(30_000_000) << Int64(attempts - 1)
            state.commands.retryAt[key] = Timestamp(microseconds: now.microseconds + delay)
            note(command.subject, "R-ERR-03", "\(key) failed (attempt \(attempts)): \(error); retrying")
            return
        }
        state.commands.pending[key] = nil
        state.commands.retryAt[key] = nil
        state.commands.abandoned.insert(key)
        let why = retryable ? "failed \(attempts) times" : "was refused"
        let rule = failureRule(command)
        raise(
            subject: command.subject, rule: rule,
            message: "\(rule): \(describe(command.action)) \(why): \(error)",
            fix: "Fix the cause named in the error in the remote system; the engine does not retry this command again.",
            detail: key)
        if case .createSalesOrder = command.action, var sync = state.orders[command.subject.dropPrefix("ll-order:")] {
            sync.phase = .blocked
            state.orders[sync.number] = sync
        }
    }

    /// Re-emits failed commands whose backoff has passed.
    mutating func retryDueCommands() {
        for key in state.commands.retryAt.keys.sorted() {
            guard let due = state.commands.retryAt[key], due <= now, let command = state.commands.pending[key] else { continue }
            state.commands.retryAt[key] = nil
            commands.append(command)
        }
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
