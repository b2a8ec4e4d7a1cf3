import DistruAPI
import DistruSimulator
import HTTPTypes
import Hummingbird
import LeafSyncIngest
import Logging
import Synchronization

/// The service side of Distru webhooks, as `leafsync run` would mount it: POST body +
/// `x-distru-signature` into ``DistruFetcher/receiveWebhook(body:signature:secret:)``.
struct WebhookReceiver {
    let url: String
    let server: LoopbackServer

    static func start(fetcher: DistruFetcher, secret: String) async throws -> WebhookReceiver {
        let router = Router()
        router.post("/webhooks/distru") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let outcome = try await fetcher.receiveWebhook(
                body: Array(body.readableBytesView), signature: request.headers[HTTPField.Name(DistruWebhook.signatureHeader)!], secret: secret)
            return Response(status: .init(code: outcome.httpStatus))
        }
        let server = try await serve(router)
        return WebhookReceiver(url: "http://127.0.0.1:\(server.port)/webhooks/distru", server: server)
    }

    func stop() async { await server.stop() }
}

/// Collects raw webhook bodies and their signature header.
final class BodyBox: Sendable {
    private let state = Mutex<[([UInt8], String?)]>([])
    var items: [([UInt8], String?)] { state.withLock { $0 } }
    func append(_ body: [UInt8], _ signature: String?) { state.withLock { $0.append((body, signature)) } }
}

/// A receiver that hands each POST to `handle` and answers 200.
struct RawReceiver {
    let url: String
    let server: LoopbackServer

    static func start(_ handle: @escaping @Sendable ([UInt8], String?) -> Void) async throws -> RawReceiver {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            handle(Array(body.readableBytesView), request.headers[HTTPField.Name(DistruWebhook.signatureHeader)!])
            return Response(status: .ok)
        }
        let server = try await serve(router)
        return RawReceiver(url: "http://127.0.0.1:\(server.port)/hook", server: server)
    }

    func stop() async { await server.stop() }
}

/// Serves `router` on a free loopback port.
func serve(_ router: Router<BasicRequestContext>) async throws -> LoopbackServer {
    try await LoopbackServer.start(host: "127.0.0.1", port: 0, name: "test webhook receiver") { onRunning in
        var logger = Logger(label: "test.webhooks")
        logger.logLevel = .warning
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: logger)
    }
}
