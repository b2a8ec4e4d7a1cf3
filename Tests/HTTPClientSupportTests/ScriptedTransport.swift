import AsyncHTTPClient
import HTTPClientSupport
import LeafSyncJSON
import NIOHTTP1
import Synchronization

/// A test double for ``HTTPTransport``: answers from a script, one step per request, and
/// remembers what was asked.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        /// An answer with this status, headers and body.
        case answer(Int, headers: [(String, String)] = [], body: String = "")
        /// No answer (a dropped connection).
        case lost
    }

    struct NoAnswer: Error, CustomStringConvertible {
        var description: String { "connection reset by peer (scripted)" }
    }

    private let state: Mutex<(script: [Step], urls: [String])>

    init(_ script: [Step]) { state = Mutex((script, [])) }

    /// The URLs requested so far, in order.
    var urls: [String] { state.withLock { $0.urls } }

    func answer(_ request: HTTPClientRequest, timeout: Duration) async throws -> HTTPAnswer {
        let step = state.withLock { s -> Step in
            s.urls.append(request.url)
            return s.script.isEmpty ? .answer(599, body: "script exhausted") : s.script.removeFirst()
        }
        switch step {
        case .answer(let status, let headers, let body):
            return HTTPAnswer(status: status, headers: HTTPHeaders(headers), body: Array(body.utf8))
        case .lost:
            throw NoAnswer()
        }
    }
}

/// A vendor for the tests: `{"items": […], "next": …}` pages, `Token` keys, a path rule.
enum TestVendor: APIVendor {
    typealias Resource = TestResource
    typealias Timestamp = TestTimestamp
    static let name = "Acme"
    static let defaults = APIDefaults(productionURL: "https://api.acme.invalid/v1/", authorizationScheme: "Token")
    static let envelope = APIEnvelope(list: "items", next: "next")
    static func listing(of resource: TestResource, since: TestTimestamp?) -> (path: String, query: [(String, String)]) {
        (resource.rawValue + "/", since.map { [("changed__gte", $0.text)] } ?? [])
    }
    static let rateLimitAdvice = "wait a minute"
    static func hint(forStatus status: Int) -> String { status == 404 ? "no such widget" : "see the body" }
    static func refusal(forRelativePath path: String) -> String? { path.contains("..") ? "no '..' in Acme paths" : nil }
    static func errorDetails(in body: [UInt8]) -> [APIErrorDetail] {
        guard let json = try? JSONParser.parse(body), let message = json["error"]?.stringValue else { return [] }
        return [APIErrorDetail(message: message, pointer: ["widget", "size"])]
    }
}

enum TestResource: String, Hashable, Sendable {
    case widgets
}

/// Whole seconds since 1970, written as digits.
struct TestTimestamp: APITimestamp {
    var microseconds: Int64
    init(microseconds: Int64) { self.microseconds = microseconds }
    init?(_ text: String) {
        guard let s = Int64(text) else { return nil }
        microseconds = s * 1_000_000
    }
    var text: String { String(microseconds / 1_000_000) }
    var description: String { text }
    static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }
}
