import Foundation
public import Hummingbird
import LeafSyncJSON
import NIOCore
import SimulatorSupport

/// The simulator's HTTP front: API paths check HTTP Basic and faults, then go to
/// ``MetrcAPIRoutes``, and are recorded for tests; `/_sim/...` goes to the control endpoints
/// (no keys needed).
public struct MetrcResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let simulator: MetrcSimulator

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let query = SimHTTP.parseQuery(request.uri.query)
        let method = request.method.rawValue
        let body = Array(try await request.body.collect(upTo: 8 << 20).readableBytesView)
        if path.hasPrefix("/_sim/") {
            do {
                let value = try await MetrcControlRoutes(simulator: simulator).handle(method: method, path: path, body: body)
                return SimHTTP.json(200, bytes: value.serialized())
            } catch {
                return SimHTTP.json(error.status, bytes: error.body.serialized())
            }
        }
        let response = await api(request, path: path, query: query, body: body)
        await simulator.store.record(method: method, path: path, query: query, status: Int(response.status.code))
        return response
    }

    static func faultMessage(_ status: Int) -> String {
        status == 429 ? "Too many requests; slow down." : (status >= 500 ? "Simulated server error." : "Simulated request error.")
    }

    func api(_ request: Request, path: String, query: [(String, String)], body: [UInt8]) async -> Response {
        do {
            guard request.headers[.authorization] == simulator.expectedAuthorization else { throw MetrcSimError.unauthorized }
            let (malformed, loseResponse): (Bool, Bool)
            switch await simulator.faults.outcome(
                apiKey: simulator.userKey, userAgent: request.headers[.userAgent], dropPrefix: "{\"Data\": ",
                errorBody: { MetrcSimError($0, Self.faultMessage($0)).body.serialized() })
            {
            case .answer(let response): return response
            case .proceed(let m, let lose): (malformed, loseResponse) = (m, lose)
            }
            let components = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            let value = try await MetrcAPIRoutes(store: simulator.store).handle(
                method: request.method.rawValue, components: components, query: query, body: body)
            if loseResponse { return SimHTTP.dropped(prefix: "{\"Data\": ") }
            var bytes = value.map { $0.serialized() } ?? []
            if malformed { bytes = Array(bytes.prefix(max(1, bytes.count / 2))) }
            return SimHTTP.json(200, bytes: bytes)
        } catch let e as MetrcSimError {
            return SimHTTP.json(e.status, bytes: e.body.serialized())
        } catch {
            return SimHTTP.json(500, bytes: MetrcSimError(500, "\(error)").body.serialized())
        }
    }
}
