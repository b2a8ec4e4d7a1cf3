import Foundation
import LeafSyncTestSupport

/// `Tools/smtp-test-server.py` (aiosmtpd) started on a free loopback port for one test, and
/// stopped with it. Messages it accepts land in ``inbox`` as `<n>.eml` and `<n>.json`.
final class SMTPTestServer: @unchecked Sendable {
    let process: ChildProcess
    let port: Int
    let inbox = TemporaryDirectory("smtp-inbox")

    /// `serve` with `options` (`--tls CERT KEY`, `--auth USER:PASSWORD`, `--reply-data "451 …"`…).
    convenience init(_ options: [String] = []) throws {
        try self.init(command: ["serve", "--dir", "INBOX"] + options)
    }

    /// A server that accepts connections and never answers.
    static func stalling() async throws -> SMTPTestServer { try await offThread { try SMTPTestServer(command: ["stall"]) } }

    /// Starts `serve` on a thread of its own: waiting for Python to print its port must not hold
    /// a thread of the cooperative pool, where in-process servers of other tests answer.
    static func start(_ options: [String] = []) async throws -> SMTPTestServer {
        try await offThread { try SMTPTestServer(options) }
    }

    private init(command: [String]) throws {
        let python = try PythonEnvironment.python()
        let inbox = self.inbox.path
        let arguments = [PythonEnvironment.script] + command.map { $0 == "INBOX" ? inbox : $0 }
        process = try ChildProcess(python, arguments)
        guard let line = process.waitForLine(timeout: 30, where: { $0.hasPrefix("PORT ") }), let port = Int(line.dropFirst(5)) else {
            process.kill()
            throw SMTPTestServerError(problem: "Tools/smtp-test-server.py \(command.first!) printed no PORT line")
        }
        self.port = port
    }

    deinit { process.kill() }

    /// The messages received so far, in arrival order.
    func received() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".json") }
        return try names.sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }.map { name in
            try ReceivedMail.decoder.decode(ReceivedMail.self, from: Data(contentsOf: URL(fileURLWithPath: inbox.sub(name))))
        }
    }

    /// Waits (bounded) until `count` messages have arrived, and returns them.
    func waitForMessages(_ count: Int, seconds: Double = 10) async throws -> [ReceivedMail] {
        _ = try await eventually(seconds) { try received().count >= count }
        return try received()
    }
}

/// What the test server recorded for one accepted message.
struct ReceivedMail: Decodable {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
    var mailFrom: String
    var rcptTos: [String]
    var tls: Bool
    var authenticatedAs: String?
    var message: ParsedMail
}

/// A message as Python's standard `email` parser reads it (`smtp-test-server.py parse`).
struct ParsedMail: Decodable {
    var headers: [String: String]
    var body: String
    var contentType: String
    var charset: String?
    var defects: [String]
    var longestHeaderLine: Int
    var bareLf: Bool

    /// Parses an `.eml` file with the script's `parse` command (on a thread of its own).
    static func parse(file: String) async throws -> ParsedMail {
        try await offThread { try parseBlocking(file: file) }
    }

    private static func parseBlocking(file: String) throws -> ParsedMail {
        let result = try runCommand(try PythonEnvironment.python(), [PythonEnvironment.script, "parse", file])
        guard result.status == 0 else { throw SMTPTestServerError(problem: "parse \(file) failed: \(result.stderr)") }
        return try ReceivedMail.decoder.decode(ParsedMail.self, from: Data(result.stdout.utf8))
    }
}

struct SMTPTestServerError: Error, CustomStringConvertible {
    var problem: String
    var description: String { problem }
}

/// The Python with aiosmtpd: `.build/venv` (made by `ensure_aiosmtpd` in Tools/lib/setup.sh,
/// which Tools/test runs, and which this runs too, once, when the tests are started by
/// `swift test` alone). ``unavailable`` says why the SMTP tests skip: only when pip could not
/// install aiosmtpd (no PyPI).
enum PythonEnvironment {
    static let script = Paths.repoRoot.appendingPathComponent("Tools/smtp-test-server.py").path
    static let venvPython = Paths.repoRoot.appendingPathComponent(".build/venv/bin/python").path

    /// Nil when aiosmtpd is ready; otherwise the reason the SMTP tests skip.
    static let unavailable: String? = {
        let reason = ProcessInfo.processInfo.environment["LEAFSYNC_SMTP_TESTS_UNAVAILABLE"] ?? ensureAiosmtpd()
        if let reason { FileHandle.standardError.write(Data("SKIPPED: the SMTP tests, because \(reason)\n".utf8)) }
        return reason
    }()

    /// Runs `ensure_aiosmtpd` (a no-op when the environment is ready); nil when it succeeded.
    private static func ensureAiosmtpd() -> String? {
        let setup = "cd \"$1\" && source Tools/lib/setup.sh && ensure_aiosmtpd"
        guard let result = try? runCommand("/bin/bash", ["-c", setup, "setup", Paths.repoRoot.path], timeout: 300) else {
            return "ensure_aiosmtpd (Tools/lib/setup.sh) did not finish"
        }
        return result.status == 0 ? nil : "ensure_aiosmtpd failed (exit \(result.status)): \(result.stderr)"
    }

    static var isAvailable: Bool { unavailable == nil }

    static func python() throws -> String {
        if let reason = unavailable { throw SMTPTestServerError(problem: "no Python with aiosmtpd: \(reason)") }
        return venvPython
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, made with `openssl req` in a
/// temporary directory.
struct TestCertificate: Sendable {
    let directory = TemporaryDirectory("smtp-tls")
    var certificate: String { directory.sub("cert.pem") }
    var key: String { directory.sub("key.pem") }

    /// Made on a thread of its own (openssl is a child process).
    static func make() async throws -> TestCertificate { try await offThread { try TestCertificate() } }

    init() throws {
        let result = try runCommand(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", directory.sub("key.pem"), "-out", directory.sub("cert.pem"),
            ])
        guard result.status == 0 else { throw SMTPTestServerError(problem: "openssl req failed: \(result.stderr)") }
    }
}
