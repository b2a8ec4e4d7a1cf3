import Foundation
import LeafLinkAPI
import LeafSyncIngest
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport
import NIOHTTP1
import Synchronization
import Testing

/// The service's HTTP routes over real loopback HTTP: webhooks, health and readiness.
@Suite("Service HTTP: webhooks, health, readiness") struct HTTPTests {
    static let key = "whk-service-test"
    static let product = Array(#"{"type":"product","action":"edit","data":{"id":2093,"sku":"BAR-1"}}"#.utf8)

    /// The router with LeafLink's webhook going into a real fetcher (verified with ``key``,
    /// logged in `store`, the product refetched from the simulator); `wakes` counts the
    /// dispatcher wake-ups.
    func withLeafLinkWebhook(_ body: (_ base: String, _ store: MemoryEventStore, _ wakes: Calls) async throws -> Void) async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let wakes = Calls()
            let endpoints = ServiceEndpoints(
                leafLinkWebhook: ServiceEndpoints.webhook(into: fetcher, secret: Self.key) { wakes.record([]) },
                isReady: { ReadinessReport(ready: true) })
            try await withServiceHTTP(endpoints) { try await body($0, store, wakes) }
        }
    }

    @Test("a LeafLink webhook signed with the key is answered 200, logged, and wakes the dispatcher; a redelivery is 200 without waking it")
    func signedLeafLinkWebhookIsAcceptedAndWakes() async throws {
        try await withLeafLinkWebhook { base, store, wakes in
            let signature = LeafLinkWebhooks.signature(body: Self.product, key: Self.key)
            let first = try await rawRequest(
                base + "/webhooks/leaflink", method: .POST, headers: [("LL-Signature", signature)], body: Self.product)
            #expect(first.status == 200)
            #expect(wakes.count == 1)
            #expect(store.ofType("leaflink.webhook.received").count == 1)
            #expect(store.ofType("leaflink.product.observed").map(\.subject) == ["ll-product:2093"])
            let again = try await rawRequest(
                base + "/webhooks/leaflink", method: .POST, headers: [("LL-Signature", signature)], body: Self.product)
            #expect(again.status == 200 && String(decoding: again.body, as: UTF8.self).contains("duplicate"))
            #expect(wakes.count == 1 && store.ofType("leaflink.webhook.received").count == 1)
        }
    }

    @Test("a bad or missing LL-Signature is answered 401, appends nothing and wakes nobody; the answer does not echo the key")
    func badSignatureIs401() async throws {
        try await withLeafLinkWebhook { base, store, wakes in
            let url = base + "/webhooks/leaflink"
            let wrongKey = LeafLinkWebhooks.signature(body: Self.product, key: "not-the-key")
            let wrong = try await rawRequest(url, method: .POST, headers: [("LL-Signature", wrongKey)], body: Self.product)
            let missing = try await rawRequest(url, method: .POST, body: Self.product)
            #expect(wrong.status == 401 && missing.status == 401)
            let text = String(decoding: wrong.body, as: UTF8.self)
            #expect(text.contains("LL-Signature") && !text.contains(Self.key))
            #expect(store.events.isEmpty && wakes.count == 0)
        }
    }

    @Test("a signed Distru webhook reaches its closure with the x-distru-signature header; a malformed one is 400")
    func distruWebhookGetsItsHeader() async throws {
        let seen = Mutex<[String?]>([])
        let endpoints = ServiceEndpoints(
            distruWebhook: { body, signature in
                seen.withLock { $0.append(signature) }
                return body.isEmpty ? .malformed("empty body") : .accepted(webhook: 1, observation: nil)
            }, isReady: { ReadinessReport(ready: true) })
        try await withServiceHTTP(endpoints) { base in
            let ok = try await rawRequest(
                base + "/webhooks/distru", method: .POST, headers: [("x-distru-signature", "sha256=abc")], body: Array("{}".utf8))
            let malformed = try await rawRequest(base + "/webhooks/distru", method: .POST, body: [])
            #expect(ok.status == 200 && malformed.status == 400)
            #expect(String(decoding: malformed.body, as: UTF8.self).contains("empty body"))
            #expect(seen.withLock { $0 } == ["sha256=abc", nil])
        }
    }

    @Test("a 2 MiB webhook is refused with 413 and never handed over, whether its Content-Length says so or it streams")
    func oversizedBodyIs413() async throws {
        let calls = Calls()
        let endpoints = ServiceEndpoints(
            leafLinkWebhook: { body, _ in
                calls.record(body)
                return .accepted(webhook: 1, observation: nil)
            }, isReady: { ReadinessReport(ready: true) })
        try await withServiceHTTP(endpoints) { base in
            let url = base + "/webhooks/leaflink"
            let declared = try await rawRequest(url, method: .POST, body: [UInt8](repeating: UInt8(ascii: "x"), count: 2 << 20))
            #expect(declared.status == 413)
            let streamed = try await postStreamed(url, size: 2 << 20)
            #expect(streamed.status == 413 && streamed.body.contains("over \(ServiceHTTP.maxWebhookBytes) bytes"))
            // A body that stalls past the limit is answered without waiting for its end.
            let stalled = try await postStreamed(url, size: (3 << 20) / 2, stall: true)
            #expect(stalled.status == 413)
            #expect(calls.count == 0)
            // Exactly the limit is accepted.
            let atLimit = try await rawRequest(url, method: .POST, body: [UInt8](repeating: 32, count: ServiceHTTP.maxWebhookBytes))
            #expect(atLimit.status == 200 && calls.count == 1)
        }
    }

    @Test("a remote without a webhook closure is 404 naming it; a log that refuses the append is 503")
    func unconfiguredIs404AndRefusedAppendIs503() async throws {
        struct LogClosed: Error {}
        let endpoints = ServiceEndpoints(distruWebhook: { _, _ in throw LogClosed() }, isReady: { ReadinessReport(ready: true) })
        try await withServiceHTTP(endpoints) { base in
            let leafLink = try await rawRequest(base + "/webhooks/leaflink", method: .POST, body: Array("{}".utf8))
            #expect(leafLink.status == 404 && String(decoding: leafLink.body, as: UTF8.self).contains("LeafLink is not configured"))
            let distru = try await rawRequest(base + "/webhooks/distru", method: .POST, body: Array("{}".utf8))
            #expect(distru.status == 503)
        }
    }

    @Test("/healthz is 200 at once; /readyz is 503 with its checks until the engine is ready, then 200")
    func healthAndReadiness() async throws {
        let ready = Mutex(false)
        let endpoints = ServiceEndpoints(isReady: {
            let isReady = ready.withLock { $0 }
            return ReadinessReport(ready: isReady, checks: ["log": "open", "catch-up": isReady ? "done" : "waiting for the first pass"])
        })
        try await withServiceHTTP(endpoints) { base in
            #expect(try await rawRequest(base + "/healthz").status == 200)
            let before = try await rawRequest(base + "/readyz")
            #expect(before.status == 503)
            #expect(String(decoding: before.body, as: UTF8.self) == #"{"ready":false,"checks":{"catch-up":"waiting for the first pass","log":"open"}}"#)
            ready.withLock { $0 = true }
            let after = try await rawRequest(base + "/readyz")
            #expect(after.status == 200 && String(decoding: after.body, as: UTF8.self).hasPrefix(#"{"ready":true"#))
        }
    }
}
