/// Why a message was not delivered: the step that failed, the server's reply when there was
/// one, and whether trying again later can help.
///
/// Retryable: a `4xx` reply, a timeout, a refused or dropped connection, an outbox write that
/// failed for a reason other than permissions or the name. Not retryable: a `5xx` reply, a
/// certificate the client does not trust, a server without STARTTLS or AUTH when the
/// configuration needs them, a message that cannot be sent as it is. The description never
/// holds a password: the client never quotes what it sent for AUTH, and removes the password
/// (and its base64 forms) from anything the server says.
public struct MailError: Error, CustomStringConvertible, Sendable {
    /// The step of a delivery that failed.
    public enum Stage: String, Sendable, Equatable {
        /// The message itself (an empty id, no recipient, an address that is not one).
        case message = "message"
        /// Writing the outbox file.
        case outbox = "outbox write"
        /// Opening the TCP connection (and the TLS handshake for `smtps://`).
        case connect = "connect"
        /// The server's `220` greeting.
        case greeting = "greeting"
        case ehlo = "EHLO"
        /// The `STARTTLS` command and the TLS handshake after it.
        case startTLS = "STARTTLS"
        case auth = "AUTH"
        case mailFrom = "MAIL FROM"
        case rcptTo = "RCPT TO"
        /// `DATA`, the message and the final `.`.
        case data = "DATA"
    }

    public var stage: Stage
    /// Where: `host:port` for SMTP, the file path for the outbox.
    public var target: String
    /// The server's reply code (`451`, `535`), when the server answered.
    public var replyCode: Int?
    /// The server's reply text, its lines joined by spaces.
    public var replyText: String?
    /// What went wrong in words, and what to do when the fix is on our side.
    public var detail: String
    /// True when the same delivery may succeed later unchanged (4xx, timeouts, connection
    /// failures); false when something must be fixed first (5xx, trust, configuration).
    public var isRetryable: Bool

    public init(stage: Stage, target: String, replyCode: Int? = nil, replyText: String? = nil, detail: String, isRetryable: Bool) {
        self.stage = stage
        self.target = target
        self.replyCode = replyCode
        self.replyText = replyText
        self.detail = detail
        self.isRetryable = isRetryable
    }

    /// `SMTP AUTH at mail.example.com:587 failed: the server replied 535 5.7.8 Authentication
    /// credentials invalid; expected 235 (permanent: not retried until fixed)`.
    public var description: String {
        let place = stage == .message || stage == .outbox ? "\(stage.rawValue) \(target)" : "SMTP \(stage.rawValue) at \(target)"
        var text = "\(place) failed: "
        if let replyCode { text += "the server replied \(replyCode)" + (replyText.map { " " + $0 } ?? "") + "; " }
        text += detail
        text += isRetryable ? " (temporary: will be retried)" : " (permanent: not retried until fixed)"
        return text
    }
}
