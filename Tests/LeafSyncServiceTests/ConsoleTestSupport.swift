import AsyncHTTPClient
import Foundation
import Hummingbird
import LeafSyncJSON
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport
import NIOCore
import NIOHTTP1
import SimulatorSupport

/// The console served for a tenant on a free loopback port, and a browser-like client for it:
/// it keeps the session cookie, reads the CSRF token from each page, and does not follow redirects.
struct ConsoleClient {
    static let token = "test-admin-token-0123456789"

    let base: String
    let http: HTTPClient
    var cookie: String?
    var csrf: String?

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var location: String? { headers.first(name: "location") }
        var setCookie: String? { headers.first(name: "set-cookie") }
    }

    /// Serves the console (and nothing else) for `tenant` and runs `body` with a client that is not signed in.
    static func with<T>(_ tenant: OperatorTenant, _ body: (inout ConsoleClient) async throws -> T) async throws -> T {
        let router = Router()
        Console.addRoutes(to: router, desk: tenant.desk, token: token, connection: ConsoleConnection(logPath: tenant.logPath))
        let server = try await serve(router)
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var client = ConsoleClient(base: "http://127.0.0.1:\(server.port)", http: http)
        do {
            let result = try await body(&client)
            try await http.shutdown()
            await server.stop()
            return result
        } catch {
            try? await http.shutdown()
            await server.stop()
            throw error
        }
    }

    /// A GET or a form POST (fields URL-encoded), with the session cookie when there is one.
    mutating func call(_ path: String, form: [(String, String)]? = nil, headers extra: [(String, String)] = []) async throws -> Answer {
        var request = HTTPClientRequest(url: base + path)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let form {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let text = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
            request.body = .bytes(ByteBuffer(string: text))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
        if let set = response.headers.first(name: "set-cookie"), let pair = set.split(separator: ";").first { cookie = String(pair) }
        if let token = Self.csrf(in: body) { csrf = token }
        return Answer(status: Int(response.status.code), headers: response.headers, body: body)
    }

    /// Signs in with the admin token (reading the sign-in form's CSRF token first).
    mutating func signIn() async throws {
        _ = try await call("/console/sign-in")
        let answer = try await call("/console/sign-in", form: [("csrf", csrf ?? ""), ("token", Self.token)])
        precondition(answer.status == 303, "sign-in failed: \(answer.status)")
    }

    /// A form post carrying the current CSRF token.
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Answer {
        try await call(path, form: [("csrf", csrf ?? "")] + fields)
    }

    /// The value of the first hidden `csrf` input of a page.
    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension OperatorTenant {
    /// The log's last event.
    func lastEvent() throws -> RecordedEvent? {
        let cursor = try EventLogReader(directory: logPath).cursor(from: 1)
        var last: RecordedEvent?
        while let event = try cursor.next() { last = event }
        return last
    }
}
