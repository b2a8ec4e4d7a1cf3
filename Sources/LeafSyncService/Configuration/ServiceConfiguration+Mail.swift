import Foundation
public import LeafSyncDispatch
import LeafSyncMail

extension ServiceConfiguration {
    /// Sync-error e-mail as configured: through the SMTP relay when `smtp.url` is set, else into
    /// the outbox directory, from `mail.from`.
    public func errorMailer() throws -> ErrorMailer {
        let delivery: any MailDelivery =
            try smtpConfiguration().map { SMTPDelivery(configuration: $0) } ?? OutboxDelivery(directory: URL(fileURLWithPath: outbox))
        return ErrorMailer(from: mailFrom, delivery: delivery)
    }
}
