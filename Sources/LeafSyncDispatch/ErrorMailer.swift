public import Foundation
public import LeafSyncDomain
import LeafSyncJSON
public import LeafSyncMail

/// Delivers `sendErrorEmail` commands (R-ERR-01) through a ``MailDelivery``: the outbox of
/// `.eml` files or an SMTP relay. The message id is derived from the command key, so an attempt
/// repeated after a crash writes the same outbox file (a no-op) and carries the same
/// `Message-ID` to the relay, which receivers use to drop a duplicate.
public struct ErrorMailer: Sendable {
    /// The `From` address, e.g. `LeafSync <leafsync@example.com>`.
    public var from: String
    public var delivery: any MailDelivery

    public init(from: String = "LeafSync <leafsync@localhost>", delivery: any MailDelivery) {
        self.from = from
        self.delivery = delivery
    }

    func send(_ email: ErrorEmail, key: String) async throws -> JSONValue {
        guard !email.recipients.isEmpty else {
            throw AttemptFailure(
                kind: "notConfigured",
                message: "no one to send it to: no Distru user with the ADMIN role has an e-mail, and no error recipient is configured; set one (settings errorRecipients), then `leafsync retry` this command",
                retryable: false)
        }
        let message = MailMessage(id: key, from: from, to: email.recipients, subject: email.subjectLine, body: email.body, date: Date())
        do {
            try await delivery.deliver(message)
        } catch let error as MailError {
            throw AttemptFailure(kind: "mail", status: error.replyCode, message: error.description, retryable: error.isRetryable)
        }
        return .object(["message_id": .string(message.messageID), "recipients": .array(email.recipients.map { .string($0) })])
    }
}
