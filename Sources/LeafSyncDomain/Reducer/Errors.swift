import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Sync errors (R-ERR): opened with the rule and a fix, e-mailed once, resolved when the cause goes.
extension Reduction {
    /// Opens (or keeps) the error `subject|rule`. The same unresolved error is e-mailed once (R-ERR-02);
    /// a changed message is a new fact and is e-mailed again.
    /// `detail` separates independent errors of one subject and rule (e.g. two failed commands).
    mutating func raise(subject: String, rule: String, message: String, fix: String, detail: String? = nil) {
        let id = "\(subject)|\(rule)" + (detail.map { "|\($0)" } ?? "")
        if var existing = state.errors[id], existing.resolvedAt == nil {
            guard existing.message != message else { return }
            existing.message = message
            existing.fix = fix
            state.errors[id] = existing
            note(subject, rule, message)
            email(existing)
            return
        }
        let error = SyncError(id: id, subject: subject, rule: rule, message: message, fix: fix, openedAt: now, resolvedAt: nil)
        state.errors[id] = error
        note(subject, rule, message)
        email(error)
    }

    /// Marks the error `subject|rule` resolved, if open (R-ERR-02).
    mutating func resolve(subject: String, rule: String, detail: String? = nil) {
        let id = "\(subject)|\(rule)" + (detail.map { "|\($0)" } ?? "")
        guard var error = state.errors[id], error.resolvedAt == nil else { return }
        error.resolvedAt = now
        state.errors[id] = error
        note(subject, rule, "\(rule): resolved: \(error.message)")
    }

    /// R-ERR-01: e-mail the company admins and the configured error recipients.
    private mutating func email(_ error: SyncError) {
        let admins = state.users.values.filter(\.isAdmin).compactMap(\.email)
        let recipients = Array(Set(admins + state.settings.errorRecipients)).sorted()
        let mail = ErrorEmail(
            recipients: recipients,
            subjectLine: "LeafSync: \(error.rule) failed for \(error.subject)",
            body: "\(error.message)\n\nHow to fix it: \(error.fix)\n",
            errorID: error.id
        )
        emit(
            key: "error-email:\(error.id)@\(error.openedAt.microseconds):\(StableHash.hex(error.message))",
            subject: error.subject, rule: "R-ERR-01", .sendErrorEmail(mail))
    }
}
