import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers a message through an SMTP relay (RFC 5321), on SwiftNIO.
///
/// One connection per message, the conversation in order, each reply checked before the next
/// command:
///
/// ```text
/// S: 220 greeting                       C: EHLO <clientName>        S: 250-… STARTTLS, AUTH …
/// C: STARTTLS         S: 220            (TLS handshake)             C: EHLO <clientName>   S: 250
/// C: AUTH PLAIN …     S: 235            (or AUTH LOGIN: 334, 334, 235)
/// C: MAIL FROM:<a>    S: 250            C: RCPT TO:<b>   S: 250     (one per recipient)
/// C: DATA             S: 354            C: <message, dot-stuffed> . S: 250
/// C: QUIT
/// ```
///
/// ``deliver(_:)`` returns only after the `250` that follows the message: the relay has taken
/// responsibility for it. Anything else throws a ``MailError`` naming the step, the reply, and
/// whether a retry can help. `STARTTLS` is required for `smtp://`; credentials are sent only
/// over TLS, but for `smtp+insecure://` (see ``SMTPConfiguration``).
///
/// SMTP delivery is at least once: a crash after the relay's `250` and before the dispatcher
/// records it sends the message again on restart. The copy has the same `Message-ID`
/// (``MailMessage/messageID``), which mail clients use to drop duplicates.
///
/// Nothing blocks: the connection is NIO's, every wait is an `await`, and each one (connect,
/// handshake, every reply) is bounded by ``SMTPConfiguration/timeout`` on the injected clock.
public struct SMTPDelivery: MailDelivery {
    public let configuration: SMTPConfiguration
    let clock: any Clock<Duration>

    public init(configuration: SMTPConfiguration, clock: any Clock<Duration> = ContinuousClock()) {
        self.configuration = configuration
        self.clock = clock
    }

    private var target: String { "\(configuration.host):\(configuration.port)" }

    public func deliver(_ message: MailMessage) async throws {
        if let problem = message.problem() {
            throw MailError(stage: .message, target: message.id, detail: problem, isRetryable: false)
        }
        let tls = try configuration.security == .none ? nil : makeTLSContext()
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(
                host: configuration.host, port: configuration.port, tls: configuration.security == .implicitTLS ? tls : nil,
                timeout: configuration.timeout, clock: clock)
        } catch {
            throw failure(.connect, error)
        }
        do {
            try await converse(connection, tls: tls, message: message)
        } catch {
            await connection.close()
            throw error
        }
        // The message is accepted; a failed QUIT changes nothing.
        _ = try? await connection.command("QUIT")
        await connection.close()
    }

    private func converse(_ connection: SMTPConnection, tls: NIOSSLContext?, message: MailMessage) async throws(MailError) {
        let hello = "EHLO \(configuration.clientName)"
        try await step(.greeting, expecting: [220]) { try await connection.greeting() }
        var capabilities = try await step(.ehlo, expecting: [250]) { try await connection.command(hello) }.extensions

        if configuration.security == .startTLS, let tls {
            guard capabilities["STARTTLS"] != nil else {
                throw MailError(
                    stage: .startTLS, target: target,
                    detail: "the server does not offer STARTTLS, which smtp:// requires; use smtps:// for implicit TLS, "
                        + "or smtp+insecure:// only for a relay on a trusted network",
                    isRetryable: false)
            }
            try await step(.startTLS, expecting: [220]) { try await connection.command("STARTTLS") }
            do { try await connection.startTLS(tls, host: configuration.host) } catch { throw failure(.startTLS, error) }
            capabilities = try await step(.ehlo, expecting: [250]) { try await connection.command(hello) }.extensions
        }

        if let username = configuration.username, let password = configuration.password {
            try await authenticate(connection, username: username, password: password, offered: capabilities["AUTH"] ?? [])
        }

        try await step(.mailFrom, expecting: [250]) { try await connection.command("MAIL FROM:<\(message.envelopeSender)>") }
        for recipient in message.envelopeRecipients {
            try await step(.rcptTo, expecting: [250, 251], about: "the recipient \(recipient)") {
                try await connection.command("RCPT TO:<\(recipient)>")
            }
        }
        try await step(.data, expecting: [354]) { try await connection.command("DATA") }
        try await step(.data, expecting: [250]) { try await connection.message(message.rfc5322()) }
    }

    /// AUTH PLAIN when the server offers it, else AUTH LOGIN (RFC 4954). What is sent is never
    /// quoted in an error.
    private func authenticate(_ connection: SMTPConnection, username: String, password: String, offered: [String]) async throws(MailError) {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            let token = base64("\0\(username)\0\(password)")
            try await step(.auth, expecting: [235]) { try await connection.command("AUTH PLAIN \(token)") }
        } else if offered.contains("LOGIN") {
            try await step(.auth, expecting: [334]) { try await connection.command("AUTH LOGIN") }
            try await step(.auth, expecting: [334]) { try await connection.command(base64(username)) }
            try await step(.auth, expecting: [235]) { try await connection.command(base64(password)) }
        } else {
            let list = offered.isEmpty ? "none" : offered.joined(separator: " ")
            throw MailError(
                stage: .auth, target: target,
                detail: "the server offers no AUTH mechanism this client speaks (PLAIN, LOGIN); it offers: \(list)", isRetryable: false)
        }
    }

    /// Runs one exchange and returns its reply when the code is one of `expected`; throws the
    /// ``MailError`` for `stage` otherwise (`about` says what the command was about).
    @discardableResult
    private func step(
        _ stage: MailError.Stage, expecting expected: Set<Int>, about: String? = nil, _ exchange: () async throws -> SMTPReply
    ) async throws(MailError) -> SMTPReply {
        let reply: SMTPReply
        do { reply = try await exchange() } catch { throw failure(stage, error) }
        guard expected.contains(reply.code) else {
            let wanted = expected.sorted().map(String.init).joined(separator: " or ")
            throw MailError(
                stage: stage, target: target, replyCode: reply.code, replyText: redacted(reply.text),
                detail: (about.map { "\($0) was refused, " } ?? "") + "expected \(wanted)",
                isRetryable: reply.isTransient)
        }
        return reply
    }

    /// The ``MailError`` for an error below the level of replies: timeouts, the connection,
    /// TLS, the protocol.
    private func failure(_ stage: MailError.Stage, _ error: any Error) -> MailError {
        if let error = error as? MailError { return error }
        let (detail, retryable): (String, Bool)
        switch error {
        case SMTPConnectionProblem.timedOut, ChannelError.connectTimeout:
            (detail, retryable) = ("no answer within \(configuration.timeout)", true)
        case SMTPConnectionProblem.closed, ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof:
            (detail, retryable) = ("the server closed the connection", true)
        case SMTPConnectionProblem.malformedReply(let line):
            (detail, retryable) = (
                "the server's answer is not SMTP: \(redacted(line).prefix(200).debugDescription); is this an SMTP port?", false
            )
        case SMTPConnectionProblem.lineTooLong, SMTPConnectionProblem.unexpectedReply:
            (detail, retryable) = ("the server does not follow SMTP (\(error)); is this an SMTP port?", false)
        case NIOSSLError.handshakeFailed(let reason):
            (detail, retryable) = (
                "the TLS handshake failed (\(reason)); if the certificate is the issue, trust its CA with trustRoots", false
            )
        case is NIOSSLError, is NIOSSLExtraError:
            (detail, retryable) = ("TLS failed: \(error)", false)
        case let error as NIOConnectionError:
            let reasons =
                error.connectionErrors.map { "\($0.target): \(Self.reason($0.error))" }
                + [error.dnsAError, error.dnsAAAAError].compactMap { lookup in lookup.map { "name lookup: \($0)" } }
            (detail, retryable) = ("cannot connect (\(reasons.joined(separator: "; ")))", true)
        default:
            (detail, retryable) = ("\(error)", true)
        }
        return MailError(stage: stage, target: target, detail: detail, isRetryable: retryable)
    }

    /// `Connection refused` for an `IOError`, the error's own words otherwise.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        return String(cString: strerror(error.errnoCode))
    }

    /// `text` without the password or its base64 forms, in case a server echoes what it got.
    private func redacted(_ text: String) -> String {
        guard let password = configuration.password, !password.isEmpty else { return text }
        var secrets = [password, Data(password.utf8).base64EncodedString()]
        if let username = configuration.username { secrets.append(Data("\0\(username)\0\(password)".utf8).base64EncodedString()) }
        return secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    private func makeTLSContext() throws(MailError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if case .pemFile(let path) = configuration.trustRoots { tls.trustRoots = .file(path) }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw MailError(
                stage: .connect, target: target, detail: "cannot set up TLS with trust roots \(configuration.trustRoots): \(error)",
                isRetryable: false)
        }
    }
}
