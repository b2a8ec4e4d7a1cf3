import AsyncHTTPClient
import DistruAPI
import Foundation
import LeafLinkAPI
import Logging
import NIOCore

/// Sends Distru webhooks: `POST` of the JSON body with `x-distru-signature: sha256=<hex
/// HMAC-SHA256>`, retrying non-2xx answers after each of `retryDelays`.
public actor DistruWebhookSender {
    public struct Configuration: Sendable {
        public var url: String
        /// The signing secret. Never logged.
        public var secret: String
        public var retryDelays: [Duration]

        public init(url: String, secret: String, retryDelays: [Duration] = [1, 5, 30, 120].map { .seconds($0) }) {
            self.url = url
            self.secret = secret
            self.retryDelays = retryDelays
        }
    }

    /// One delivery and its outcome, for `GET /_sim/webhooks`.
    public struct Delivery: Sendable {
        public var id: Int
        public var type: String
        public var event: String
        public var attempts = 0
        public var lastStatus: Int?
        public var delivered = false
    }

    public private(set) var configuration: Configuration?
    public private(set) var deliveries: [Delivery] = []
    private var tasks: [Int: Task<Void, Never>] = [:]
    private let logger = Logger(label: "leafsync.sim.distru.webhooks")

    public init(configuration: Configuration?) { self.configuration = configuration }

    public func configure(_ configuration: Configuration?) { self.configuration = configuration }

    func send(_ bodies: [JSONValue]) {
        guard let configuration else { return }
        for b in bodies {
            let id = deliveries.count + 1
            deliveries.append(Delivery(id: id, type: b["type"]?.stringValue ?? "?", event: b["event"]?.stringValue ?? "?"))
            let bytes = b.serialized()
            tasks[id] = Task { await self.deliver(id: id, body: bytes, configuration: configuration) }
        }
    }

    private func deliver(id: Int, body: [UInt8], configuration: Configuration) async {
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: DistruWebhook.signatureHeader, value: DistruWebhook.signature(body: body, secret: configuration.secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        for attempt in 0...configuration.retryDelays.count {
            if attempt > 0 {
                do { try await Task.sleep(for: configuration.retryDelays[attempt - 1]) } catch { break }
            }
            var status: Int?
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 1 << 20)
                status = Int(response.status.code)
            } catch {
                logger.debug("Distru webhook \(id) attempt \(attempt + 1) failed: \(error)")
            }
            deliveries[id - 1].attempts += 1
            deliveries[id - 1].lastStatus = status
            if let status, (200..<300).contains(status) {
                deliveries[id - 1].delivered = true
                break
            }
        }
        tasks[id] = nil
    }

    /// Waits until every queued delivery has finished (delivered or out of retries).
    public func idle() async {
        while let task = tasks.values.first { await task.value }
    }

    public func cancelAll() { for t in tasks.values { t.cancel() } }
}
