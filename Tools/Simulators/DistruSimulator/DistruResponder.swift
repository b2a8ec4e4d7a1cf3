import DistruAPI
import Foundation
import HTTPTypes
import Hummingbird
import LeafLinkAPI
import NIOCore

/// The simulator's HTTP front: `/public/v1/...` checks the Bearer key and faults, then goes to
/// the store; `/_sim/...` goes to the control endpoints (no key needed).
public struct DistruResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let simulator: DistruSimulator

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let query = Self.parseQuery(request.uri.query)
        let body = Array(try await request.body.collect(upTo: 8 << 20).readableBytesView)
        do {
            if path.hasPrefix("/_sim/") {
                let value = try await DistruControlRoutes(simulator: simulator).handle(method: request.method.rawValue, path: path, body: body)
                await simulator.flushWebhooks()
                return Self.json(200, value.serialized())
            }
            let prefix = "/public/v1/"
            guard path.hasPrefix(prefix) else { throw DistruSimError(404, "no such endpoint") }
            let auth = request.headers[.authorization] ?? ""
            guard auth.hasPrefix("Bearer "), simulator.apiKeys.contains(String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
                throw DistruSimError(401, auth.isEmpty ? "missing Authorization: Bearer <API key>" : "invalid API key")
            }
            let fault = await simulator.faults.next()
            switch fault {
            case .status(let status, let retryAfter)?:
                var r = Self.json(status, DistruSimError(status, status == 429 ? "rate limit exceeded" : "simulated server error").body.serialized())
                if let retryAfter { r.headers[HTTPField.Name("Retry-After")!] = String(retryAfter) }
                return r
            case .drop?:
                return Self.dropped()
            case .delay(let ms)?:
                try await Task.sleep(for: .milliseconds(ms))
            case .loseResponse?, nil:
                break
            }
            let route = DistruAPIRoutes(store: simulator.store, baseURL: "http://\(request.head.authority ?? "127.0.0.1")\(prefix)")
            let components = path.dropFirst(prefix.count).split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            let (status, value) = try await route.handle(method: request.method.rawValue, components: components, query: query, body: body)
            await simulator.flushWebhooks()
            if fault == .loseResponse { return Self.dropped() }
            return Self.json(status, value.serialized())
        } catch let e as DistruSimError {
            return Self.json(e.status, e.body.serialized())
        }
    }

    struct DroppedConnection: Error {}

    /// Promises a body, sends part of it, then closes the connection.
    static func dropped() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "{\"data\": "))
                throw DroppedConnection()
            })
    }

    static func json(_ status: Int, _ bytes: [UInt8]) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func parseQuery(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }
}
