import DistruAPI
import HTTPTypes
import Hummingbird
import LeafSyncIngest
import Logging
import Synchronization

/// The service side of Distru webhooks, as `leafsync run` would mount it: POST body +
/// `x-distru-signature` into ``DistruFetcher/receiveWebhook(body:signature:secret:)``.
struct WebhookReceiver {
    let url: String
    let task: Task<Void, Never>

    static func start(fetcher: DistruFetcher, secret: String) async throws -> WebhookReceiver {
        let router = Router()
        router.post("/webhooks/distru") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let outcome = try await fetcher.receiveWebhook(
                body: Array(body.readableBytesView), signature: request.headers[HTTPField.Name(DistruWebhook.signatureHeader)!], secret: secret)
            return Response(status: .init(code: outcome.httpStatus))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.webhooks.distru")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0); continuation.finish() }, logger: logger)
        let task = Task { do { try await app.run() } catch { continuation.finish() } }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { throw ControlFailed(status: 0, body: "receiver did not start") }
        return WebhookReceiver(url: "http://127.0.0.1:\(port)/webhooks/distru", task: task)
    }

    func stop() async {
        task.cancel()
        await task.value
    }
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
    let task: Task<Void, Never>

    static func start(_ handle: @escaping @Sendable ([UInt8], String?) -> Void) async throws -> RawReceiver {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            handle(Array(body.readableBytesView), request.headers[HTTPField.Name(DistruWebhook.signatureHeader)!])
            return Response(status: .ok)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.webhooks.raw")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0); continuation.finish() }, logger: logger)
        let task = Task { do { try await app.run() } catch { continuation.finish() } }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { throw ControlFailed(status: 0, body: "receiver did not start") }
        return RawReceiver(url: "http://127.0.0.1:\(port)/hook", task: task)
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}
