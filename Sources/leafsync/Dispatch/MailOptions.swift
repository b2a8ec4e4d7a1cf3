import ArgumentParser
import Foundation
import LeafSyncDispatch
import LeafSyncMail

/// Where sync-error e-mail goes: an outbox directory of `.eml` files (the default,
/// `<dir>/outbox`), or an SMTP relay whose password comes from the environment only.
struct MailOptions: ParsableArguments {
    @Option(help: "Directory for sync-error e-mails as .eml files (default: <dir>/outbox).", completion: .directory)
    var outbox: String?

    @Option(
        help: """
            SMTP relay instead of the outbox (else LEAFSYNC_SMTP_URL): smtp://user@host:587 (STARTTLS), \
            smtps://user@host:465 (TLS), smtp+insecure://host:25 (plain, tests only). The password comes \
            from LEAFSYNC_SMTP_PASSWORD.
            """)
    var smtpURL: String?

    @Option(help: "The From address of sync-error e-mails.")
    var mailFrom: String = "LeafSync <leafsync@localhost>"

    func mailer(_ environment: [String: String], tenantDirectory: String) throws -> ErrorMailer {
        if let url = smtpURL ?? environment["LEAFSYNC_SMTP_URL"], !url.isEmpty {
            do {
                let configuration = try SMTPConfiguration(url: url, password: environment["LEAFSYNC_SMTP_PASSWORD"])
                return ErrorMailer(from: mailFrom, delivery: SMTPDelivery(configuration: configuration))
            } catch {
                throw ValidationError("the SMTP URL is not usable: \(error)")
            }
        }
        let directory = outbox ?? URL(fileURLWithPath: tenantDirectory).appendingPathComponent("outbox").path
        return ErrorMailer(from: mailFrom, delivery: OutboxDelivery(directory: URL(fileURLWithPath: directory)))
    }
}
