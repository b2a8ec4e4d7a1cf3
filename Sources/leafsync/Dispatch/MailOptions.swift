import ArgumentParser
import Foundation
import LeafSyncDispatch

/// Where sync-error e-mail goes: an outbox directory of `.eml` files (the default,
/// `<dir>/outbox`), or an SMTP relay.
struct MailOptions: ParsableArguments {
    @Option(help: "Directory for sync-error e-mails as .eml files (default: <dir>/outbox).", completion: .directory)
    var outbox: String?

    func mailer(_ environment: [String: String], tenantDirectory: String) throws -> ErrorMailer? {
        nil  // wired to LeafSyncMail when it lands
    }
}
