import Foundation
import LeafSyncTestSupport
import NIOCore
import NIOPosix
import Testing

@testable import LeafSyncMail

/// Against a real SMTP server (aiosmtpd, `Tools/smtp-test-server.py`) on loopback.
@Suite(
    "SMTPDelivery against aiosmtpd on loopback",
    .enabled(
        if: PythonEnvironment.isAvailable, "needs Python with aiosmtpd (Tools/lib/setup.sh ensure_aiosmtpd; skipped only without PyPI)"))
struct SMTPDeliveryTests {
    static let password = "correct-horse-battery"

    func configuration(_ url: String, password: String? = nil, trust certificate: TestCertificate? = nil) throws -> SMTPConfiguration {
        var configuration = try SMTPConfiguration(url: url, password: password)
        configuration.timeout = .seconds(20)
        configuration.clientName = "leafsync.test"
        if let certificate { configuration.trustRoots = .pemFile(certificate.certificate) }
        return configuration
    }

    @Test("plain delivery: aiosmtpd receives the exact envelope, headers and body (dot-stuffed lines intact)")
    func plainDelivery() async throws {
        let server = try await SMTPTestServer.start()
        let body = "What failed: the SO.\n.\n..two dots\nWhat to do: retry.\n"
        let message = sampleMessage(subject: "Grüne Blätter: order 1234 not synced", body: body)
        try await SMTPDelivery(configuration: configuration("smtp+insecure://127.0.0.1:\(server.port)")).deliver(message)
        let received = try await server.waitForMessages(1)
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.mailFrom == "leafsync@example.com")
        #expect(mail.rcptTos == ["ops@example.com", "admin@example.com"])
        #expect(!mail.tls)
        #expect(mail.message.defects == [])
        #expect(mail.message.headers["Subject"] == "Grüne Blätter: order 1234 not synced")
        #expect(mail.message.headers["Message-ID"] == message.messageID)
        #expect(mail.message.body == body)
        // What the relay stored is byte for byte what the outbox would hold.
        let stored = try String(contentsOfFile: server.inbox.sub("1.eml"), encoding: .utf8)
        #expect(stored == message.rfc5322())
    }

    @Test(
        "TLS then AUTH, the self-signed certificate trusted through trustRoots",
        arguments: [
            ("smtp", [], "STARTTLS, AUTH PLAIN"),
            ("smtp", ["--auth-only", "LOGIN"], "STARTTLS, AUTH LOGIN when the server offers no PLAIN"),
            ("smtps", ["--implicit-tls"], "implicit TLS, AUTH PLAIN"),
        ])
    func tlsAndAuth(scheme: String, serverOptions: [String], _ what: String) async throws {
        let certificate = try await TestCertificate.make()
        let server = try await SMTPTestServer.start(
            ["--tls", certificate.certificate, certificate.key, "--auth", "leafsync:\(Self.password)"] + serverOptions)
        let delivery = SMTPDelivery(
            configuration: try configuration("\(scheme)://leafsync@127.0.0.1:\(server.port)", password: Self.password, trust: certificate))
        try await delivery.deliver(sampleMessage())
        let received = try await server.waitForMessages(1)
        try #require(received.count == 1, "\(what)")
        #expect(received[0].tls, "\(what)")
        #expect(received[0].authenticatedAs == "leafsync", "\(what)")
        #expect(received[0].rcptTos == ["ops@example.com", "admin@example.com"])
    }

    @Test("an untrusted certificate fails at STARTTLS, not retryable, and nothing is sent")
    func untrustedCertificate() async throws {
        let certificate = try await TestCertificate.make()
        let server = try await SMTPTestServer.start(["--tls", certificate.certificate, certificate.key])
        let delivery = SMTPDelivery(configuration: try configuration("smtp://127.0.0.1:\(server.port)"))  // system roots
        let error = try await #require(throws: MailError.self) { try await delivery.deliver(sampleMessage()) }
        #expect(error.stage == .startTLS)
        #expect(!error.isRetryable)
        #expect(try server.received().isEmpty)
    }

    @Test("smtp:// refuses a server that does not offer STARTTLS, not retryable, before any credentials")
    func startTLSRequired() async throws {
        let server = try await SMTPTestServer.start(["--auth", "leafsync:\(Self.password)"])
        let delivery = SMTPDelivery(configuration: try configuration("smtp://leafsync@127.0.0.1:\(server.port)", password: Self.password))
        let error = try await #require(throws: MailError.self) { try await delivery.deliver(sampleMessage()) }
        #expect(error.stage == .startTLS)
        #expect(!error.isRetryable)
        #expect(error.description.contains("does not offer STARTTLS"))
    }

    @Test("a wrong password is a non-retryable AUTH error that never contains the password")
    func wrongPassword() async throws {
        let certificate = try await TestCertificate.make()
        let server = try await SMTPTestServer.start(["--tls", certificate.certificate, certificate.key, "--auth", "leafsync:\(Self.password)"])
        let wrong = "wrong-password-9d1f"
        let delivery = SMTPDelivery(
            configuration: try configuration("smtp://leafsync@127.0.0.1:\(server.port)", password: wrong, trust: certificate))
        let error = try await #require(throws: MailError.self) { try await delivery.deliver(sampleMessage()) }
        #expect(error.stage == .auth)
        #expect(error.replyCode == 535)
        #expect(!error.isRetryable)
        #expect(error.description.contains("AUTH"))
        let secrets = [wrong, Data(wrong.utf8).base64EncodedString(), Data("\0leafsync\0\(wrong)".utf8).base64EncodedString()]
        #expect(secrets.allSatisfy { !error.description.contains($0) && !"\(error.replyText ?? "")\(error.detail)".contains($0) })
        #expect(try server.received().isEmpty)
    }

    @Test(
        "a refusal is an error with the step and the server's reply: 4xx retryable (451 to DATA), 5xx not (550 to RCPT TO)",
        arguments: [
            (["--reply-data", "451 4.3.0 Try again later"], MailError.Stage.data, 451, "4.3.0 Try again later", true),
            (["--reply-rcpt", "550 5.1.1 No such user"], MailError.Stage.rcptTo, 550, "5.1.1 No such user", false),
        ])
    func refusals(serverOptions: [String], stage: MailError.Stage, code: Int, text: String, retryable: Bool) async throws {
        let server = try await SMTPTestServer.start(serverOptions)
        let delivery = SMTPDelivery(configuration: try configuration("smtp+insecure://127.0.0.1:\(server.port)"))
        let error = try await #require(throws: MailError.self) { try await delivery.deliver(sampleMessage()) }
        #expect(error.stage == stage)
        #expect(error.replyCode == code)
        #expect(error.replyText == text)
        #expect(error.isRetryable == retryable)
        if stage == .rcptTo { #expect(error.description.contains("the recipient ops@example.com was refused")) }
        #expect(try server.received().isEmpty)
    }

    @Test("connection refused is a retryable connect error")
    func connectionRefused() async throws {
        let port = try await Self.closedPort()
        let delivery = SMTPDelivery(configuration: try configuration("smtp+insecure://127.0.0.1:\(port)"))
        let error = try await #require(throws: MailError.self) { try await delivery.deliver(sampleMessage()) }
        #expect(error.stage == .connect)
        #expect(error.isRetryable)
        #expect(error.description.contains("Connection refused"))
    }

    @Test("a server that never greets times out on the injected clock: a retryable greeting error")
    func greetingTimeout() async throws {
        let server = try await SMTPTestServer.stalling()
        let clock = ManualTestClock()
        let delivery = SMTPDelivery(configuration: try configuration("smtp+insecure://127.0.0.1:\(server.port)"), clock: clock)
        let attempt = Task { try await delivery.deliver(sampleMessage()) }
        await clock.sleepers(atLeast: 1)
        #expect(clock.deadlines == [.seconds(20)])
        clock.advance(by: .seconds(20))
        let error = try await #require(throws: MailError.self) { try await attempt.value }
        #expect(error.stage == .greeting)
        #expect(error.isRetryable)
        #expect(error.description.contains("no answer within 20"))
    }

    /// A loopback port nothing listens on: bound by a NIO server, which is then closed.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }
}
