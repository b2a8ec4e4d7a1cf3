import AsyncHTTPClient
import Foundation
import HTTPClientSupport
public import LeafSyncJSON
import Logging
import NIOCore
import NIOHTTP1

/// Sends a simulator's webhooks: `POST` of the JSON body with a signature header, retrying
/// non-2xx answers after each of the configured delays. Each simulator supplies its signer
/// (LeafLink: `LL-Signature`, Distru: `x-distru-signature`).
public actor WebhookSender {
    public struct Configuration: Sendable {
        public var url: String
        /// The header carrying the signature.
        public var signatureHeader: String
        /// Signs a body (holds the secret; never logged).
        public var sign: @Sendable ([UInt8]) -> String
        public var userAgent: String
        /// Delays before each retry.
        public var retryDelays: [Duration]

        public init(
            url: String, signatureHeader: String, userAgent: String, retryDelays: [Duration], sign: @escaping @Sendable ([UInt8]) -> String
        ) {
            self.url = url
            self.signatureHeader = signatureHeader
            self.userAgent = userAgent
            self.retryDelays = retryDelays
            self.sign = sign
        }
    }

    /// One delivery and its outcome, for `GET /_sim/webhooks`.
    public struct Delivery: Sendable {
        public var id: Int
        /// The body's `type` (and `event`/`action` when present).
        public var type: String
        public var event: String?
        public var attempts: Int = 0
        public var lastStatus: Int?
        public var delivered = false
    }

    public var configuration: Configuration?
    public private(set) var deliveries: [Delivery] = []
    private var tasks: [Int: Task<Void, Never>] = [:]
    private let logger = Logger(label: "leafsync.sim.webhooks")

    public init(configuration: Configuration?) { self.configuration = configuration }

    public func configure(_ configuration: Configuration?) { self.configuration = configuration }

    /// Queues one delivery per body (nothing when no URL is configured).
    public func send(_ bodies: [JSONValue]) {
        guard let configuration else { return }
        for b in bodies {
            let id = deliveries.count + 1
            deliveries.append(Delivery(id: id, type: b["type"]?.stringValue ?? "?", event: (b["event"] ?? b["action"])?.stringValue))
            let body = b.serialized()
            tasks[id] = Task { await self.deliver(id: id, body: body, configuration: configuration) }
        }
    }

    private func deliver(id: Int, body: [UInt8], configuration: Configuration) async {
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: configuration.signatureHeader, value: configuration.sign(body))
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
                logger.debug("webhook \(id) attempt \(attempt + 1) failed: \(error)")
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

    public func cancelAll() {
        for t in tasks.values { t.cancel() }
    }
}
