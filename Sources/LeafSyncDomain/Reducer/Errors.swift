import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Sync errors (R-ERR): opened with the rule and a fix, e-mailed once, resolved when the cause goes.
extension Reduction {
    /// Opens (or keeps) the error `subject|rule[|detail]` and e-mails it when it opens (R-ERR-01).
    ///
    /// An error's identity is its id and the time it opened, never its text: while it stays open,
    /// a changed message (an order blocked for stock, whose figures change with every stock
    /// change) updates the error but is not e-mailed again (R-ERR-02). Once resolved, the same id
    /// opening again is a new error, and is e-mailed. `detail` separates independent errors of one
    /// subject and rule (e.g. two failed commands); `mailed: false` opens it without an e-mail.
    mutating func raise(subject: String, rule: String, message: String, fix: String, detail: String? = nil, mailed: Bool = true) {
        let id = "\(subject)|\(rule)" + (detail.map { "|\($0)" } ?? "")
        if var existing = state.errors[id], existing.resolvedAt == nil {
            guard existing.message != message || existing.fix != fix else { return }
            existing.message = message
            existing.fix = fix
            state.errors[id] = existing
            note(subject, rule, message)
            return
        }
        let error = SyncError(id: id, subject: subject, rule: rule, message: message, fix: fix, openedAt: now, resolvedAt: nil)
        state.errors[id] = error
        note(subject, rule, message)
        if mailed { email(error) }
    }

    /// Marks the error `subject|rule` resolved, if open (R-ERR-02).
    mutating func resolve(subject: String, rule: String, detail: String? = nil) {
        let id = "\(subject)|\(rule)" + (detail.map { "|\($0)" } ?? "")
        guard var error = state.errors[id], error.resolvedAt == nil else { return }
        error.resolvedAt = now
        state.errors[id] = error
        note(subject, rule, "\(rule): resolved: \(error.message)")
    }

    /// R-ERR-01: e-mail the company admins and the configured error recipients, once per opened
    /// error: the key is the error's id and opening time.
    private mutating func email(_ error: SyncError) {
        let mail = ErrorEmail(
            recipients: state.errorRecipients,
            subjectLine: "LeafSync: \(error.rule) failed for \(error.subject)",
            body: emailBody(error),
            errorID: error.id
        )
        emit(key: "error-email:\(error.id)@\(error.openedAt.microseconds)", subject: error.subject, rule: "R-ERR-01", .sendErrorEmail(mail))
    }

    /// What failed, the entity, the rule, the LeafLink order where there is one, and what to do.
    /// Built from the state alone (no configuration, so no secret can reach it).
    private func emailBody(_ error: SyncError) -> String {
        var lines = [error.message, "", "Entity: \(error.subject)", "Rule: \(error.rule)"]
        if let number = leafLinkOrderNumber(of: error.subject) {
            let short = state.orders[number]?.order.shortID
            lines.append("LeafLink order: \(short.map { "\($0) (\(number))" } ?? number)")
        }
        lines.append("How to fix it: \(error.fix)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The LeafLink order an entity belongs to: the order itself, or the order of an SO.
    private func leafLinkOrderNumber(of subject: String) -> String? {
        if subject.hasPrefix("ll-order:") { return subject.dropPrefix("ll-order:") }
        if subject.hasPrefix("distru-order:") { return state.orderOfSalesOrder[subject.dropPrefix("distru-order:")] }
        return nil
    }
}
