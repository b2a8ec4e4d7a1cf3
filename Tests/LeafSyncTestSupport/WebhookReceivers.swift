import HTTPTypes
public import Hummingbird
import Logging
public import SimulatorSupport
import Synchronization

/// The service side of a vendor's webhooks, as `leafsync run` would mount it: each POST's body
/// and signature header go to `receive`, whose answer is the status sent back.
public struct WebhookReceiver: Sendable {
    public let url: String
    let server: LoopbackServer

    /// Serves `POST <path>` on a free loopback port.
    public static func start(
        path: String, signatureHeader: String, _ receive: @escaping @Sendable (_ body: [UInt8], _ signature: String?) async throws -> Int
    ) async throws -> WebhookReceiver {
        let router = Router()
        let header = HTTPField.Name(signatureHeader)!
        router.post(RouterPath(path)) { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .init(code: try await receive(Array(body.readableBytesView), request.headers[header])))
        }
        let server = try await serve(router)
        return WebhookReceiver(url: "http://127.0.0.1:\(server.port)\(path)", server: server)
    }

    public func stop() async { await server.stop() }
}

/// Collects raw webhook bodies and their signature header.
public final class BodyBox: Sendable {
    private let state = Mutex<[([UInt8], String?)]>([])
    public init() {}
    public var items: [([UInt8], String?)] { state.withLock { $0 } }
    public func append(_ body: [UInt8], _ signature: String?) { state.withLock { $0.append((body, signature)) } }
}

/// Serves `router` on a free loopback port.
public func serve(_ router: Router<BasicRequestContext>) async throws -> LoopbackServer {
    try await LoopbackServer.start(host: "127.0.0.1", port: 0, name: "test webhook receiver") { onRunning in
        var logger = Logger(label: "test.webhooks")
        logger.logLevel = .warning
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: logger)
    }
}
