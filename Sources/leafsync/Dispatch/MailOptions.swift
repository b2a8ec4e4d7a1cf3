import ArgumentParser
import Foundation
import LeafSyncDispatch
import LeafSyncService

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

    @Option(help: "The From address of sync-error e-mails (else mail.from / LEAFSYNC_MAIL_FROM).")
    var mailFrom: String?

    /// The tenant's configured mail, with these options over it.
    func mailer(_ configuration: ServiceConfiguration) throws -> ErrorMailer {
        var configuration = configuration
        if let outbox { configuration.outbox = outbox }
        if let smtpURL { configuration.smtpURL = smtpURL }
        if let mailFrom { configuration.mailFrom = mailFrom }
        return try configuration.errorMailer()
    }
}
