/// Where a sync-error e-mail goes: an outbox directory (``OutboxDelivery``, the default) or an
/// SMTP relay (``SMTPDelivery``).
///
/// The dispatcher marks a message sent only after ``deliver(_:)`` returns, so a delivery
/// returns only once the message is safe: the file complete and durable, or the relay's `250`
/// after `DATA`. A thrown ``MailError`` says whether trying again later can help.
public protocol MailDelivery: Sendable {
    /// Delivers `message`; returns only after it is durably written (outbox) or accepted by the
    /// relay (SMTP 250 after DATA). Delivering the same `id` twice to the outbox is a no-op the
    /// second time (the file exists).
    func deliver(_ message: MailMessage) async throws
}
