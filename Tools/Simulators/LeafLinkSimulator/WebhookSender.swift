import AsyncHTTPClient
import Foundation
import LeafLinkAPI
import Logging
import NIOCore

/// Sends signed webhooks like LeafLink: `POST` the JSON body with `LL-Signature` (base64
/// HMAC-SHA256 keyed by the webhook key) and retry non-2xx answers on a schedule (LeafLink:
/// about 14 retries over 7 minutes).
public actor WebhookSender {
    public struct Configuration: Sendable {
        public var url: String
        public var key: String
        /// Delays before each retry; LeafLink's default is about 14 retries over 7 minutes.
        public var retryDelays: [Duration]

        public init(url: String, key: String, retryDelays: [Duration] = WebhookSender.leafLinkSchedule) {
            self.url = url
            self.key = key
            self.retryDelays = retryDelays
        }
    }

    /// One delivery and its outcome, for `GET /_sim/webhooks`.
    public struct Delivery: Sendable {
        public var id: Int
        public var type: String
        public var attempts: Int = 0
        public var lastStatus: Int?
        public var delivered = false
    }

    /// 14 retries, doubling from 1 s and capped at 60 s: about 7 minutes in all.
    public static let leafLinkSchedule: [Duration] = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60].map { .seconds($0) }

    public var configuration: Configuration?
    public private(set) var deliveries: [Delivery] = []
    private var tasks: [Int: Task<Void, Never>] = [:]
    private let logger = Logger(label: "leafsync.sim.leaflink.webhooks")

    public init(configuration: Configuration?) { self.configuration = configuration }

    public func configure(_ configuration: Configuration?) { self.configuration = configuration }

    func send(_ messages: [WebhookMessage]) {
        guard let configuration else { return }
        for m in messages {
            let id = deliveries.count + 1
            deliveries.append(Delivery(id: id, type: m.body["type"]?.stringValue ?? "?"))
            let body = m.body.serialized()
            tasks[id] = Task { await self.deliver(id: id, body: body, configuration: configuration) }
        }
    }

    private func deliver(id: Int, body: [UInt8], configuration: Configuration) async {
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "LeafLink-Webhooks (LeafSync simulator)")
        request.headers.add(name: LeafLinkWebhook.signatureHeader, value: LeafLinkWebhook.signature(body: body, key: configuration.key))
        request.body = .bytes(ByteBuffer(bytes: body))
        for attempt in 0...configuration.retryDelays.count {
            if attempt > 0 {
                do { try await Task.sleep(for: configuration.retryDelays[attempt - 1]) } catch { return }
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

extension WebhookSender.Configuration: CustomStringConvertible {
    /// The target without the key.
    public var description: String { "webhooks to \(url) (key <redacted>, \(retryDelays.count) retries)" }
}
