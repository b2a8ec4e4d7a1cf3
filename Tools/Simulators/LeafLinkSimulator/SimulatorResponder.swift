import Foundation
import HTTPClientSupport
import HTTPTypes
public import Hummingbird
import LeafLinkAPI
import LeafSyncJSON
import NIOCore
import SimulatorSupport

/// The simulator's HTTP front: checks the trailing slash, the API key and faults, then routes
/// `/api/v2/...` to the store; `/_sim/...` goes to the control endpoints (no key needed).
public struct SimulatorResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let simulator: LeafLinkSimulator

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let query = SimHTTP.parseQuery(request.uri.query)
        let body = try await request.body.collect(upTo: 8 << 20)
        let bodyBytes = Array(body.readableBytesView)
        do {
            if path.hasPrefix("/_sim/") || path == "/_sim" {
                return try await ControlRoutes(simulator: simulator).handle(
                    method: request.method.rawValue, path: path, query: query, body: bodyBytes)
            }
            guard path.hasPrefix("/api/v2/") else { throw SimError.notFound() }
            guard path.hasSuffix("/") else {
                throw SimError.detail(400, "LeafLink paths end with a slash: \(path)/")
            }
            let auth = request.headers[.authorization] ?? ""
            let parts = auth.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "App" || parts[0] == "Token" else {
                throw SimError.detail(401, "Authentication credentials were not provided.")
            }
            guard simulator.apiKeys.contains(parts[1]) else { throw SimError.detail(401, "Invalid token.") }

            let (decision, latency) = await simulator.faults.decide(apiKey: parts[1], userAgent: request.headers[.userAgent])
            if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
            var malformed = false
            var loseResponse = false
            switch decision {
            case .status(let status, let retryAfter):
                var r = Self.json(
                    status,
                    [
                        "detail": .string(
                            status == 429
                                ? "Request was throttled. Expected available in \(retryAfter ?? 1) seconds." : "Simulated server error.")
                    ])
                if status == 429, let retryAfter { r.headers[HTTPField.Name("Retry-After")!] = String(retryAfter) }
                return r
            case .drop:
                return SimHTTP.dropped(prefix: "{\"count\": ")
            case .proceed(let m, let lose):
                malformed = m
                loseResponse = lose
            }
            let authority = request.head.authority ?? "127.0.0.1"
            let route = APIRoutes(store: simulator.store, baseURL: "http://\(authority)/api/v2/")
            let components = path.dropFirst("/api/v2/".count).split(separator: "/").map(String.init)
            let (status, value) = try await route.handle(
                method: request.method.rawValue, components: components, query: query, body: bodyBytes)
            await simulator.flushWebhooks()
            if loseResponse { return SimHTTP.dropped(prefix: "{\"count\": ") }
            var bytes = value.serialized()
            if malformed { bytes = Array(bytes.prefix(max(1, bytes.count / 2))) }
            return Self.json(status, bytes: bytes)
        } catch let e as SimError {
            await simulator.flushWebhooks()
            return Self.json(e.status, e.body)
        }
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response { json(status, bytes: value.serialized()) }

    static func json(_ status: Int, bytes: [UInt8]) -> Response { SimHTTP.json(status, bytes: bytes) }
}
