import DistruAPI
import Foundation
import HTTPClientSupport
import HTTPTypes
public import Hummingbird
import LeafSyncJSON
import NIOCore
import SimulatorSupport

/// The simulator's HTTP front: `/public/v1/...` checks the Bearer key and faults, then goes to
/// the store; `/_sim/...` goes to the control endpoints (no key needed).
public struct DistruResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let simulator: DistruSimulator

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let query = SimHTTP.parseQuery(request.uri.query)
        let body = Array(try await request.body.collect(upTo: 8 << 20).readableBytesView)
        do {
            if path.hasPrefix("/_sim/") {
                let value = try await DistruControlRoutes(simulator: simulator).handle(
                    method: request.method.rawValue, path: path, body: body)
                await simulator.flushWebhooks()
                return Self.json(200, value.serialized())
            }
            let prefix = "/public/v1/"
            guard path.hasPrefix(prefix) else { throw DistruSimError(404, "no such endpoint") }
            let auth = request.headers[.authorization] ?? ""
            let key = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard auth.hasPrefix("Bearer "), simulator.apiKeys.contains(key) else {
                throw DistruSimError(401, auth.isEmpty ? "missing Authorization: Bearer <API key>" : "invalid API key")
            }
            let (malformed, loseResponse): (Bool, Bool)
            switch await simulator.faults.outcome(
                apiKey: key, userAgent: request.headers[.userAgent], dropPrefix: "{\"data\": ",
                errorBody: { status in
                    DistruSimError(
                        status,
                        status == 429 ? "rate limit exceeded" : (status >= 500 ? "simulated server error" : "simulated request error")
                    ).body.serialized()
                })
            {
            case .answer(let response): return response
            case .proceed(let m, let lose): (malformed, loseResponse) = (m, lose)
            }
            let route = DistruAPIRoutes(store: simulator.store, baseURL: "http://\(request.head.authority ?? "127.0.0.1")\(prefix)")
            let components = path.dropFirst(prefix.count).split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            let (status, value) = try await route.handle(method: request.method.rawValue, components: components, query: query, body: body)
            await simulator.flushWebhooks()
            if loseResponse { return SimHTTP.dropped() }
            var bytes = value.serialized()
            if malformed { bytes = Array(bytes.prefix(max(1, bytes.count / 2))) }
            return Self.json(status, bytes)
        } catch let e as DistruSimError {
            return Self.json(e.status, e.body.serialized())
        }
    }

    static func json(_ status: Int, _ bytes: [UInt8]) -> Response { SimHTTP.json(status, bytes: bytes) }
}
