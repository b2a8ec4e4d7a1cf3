import DistruAPI
import Foundation
import LeafLinkAPI
import LeafSyncIngest
import LeafSyncService
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// Webhook signatures over loopback HTTP, into real fetchers: whatever is wrong with the
/// signature (missing, not even the right shape, made with another key, or for another body),
/// the answer is 401, nothing is appended and nobody is woken. The MACs are compared by
/// swift-crypto's `HMAC.isValidAuthenticationCode` (constant time), called from
/// `LeafLinkWebhooks.isValid` and `DistruWebhooks.isValid`.
@Suite("Webhook signatures: missing, malformed or wrong is 401 and appends nothing")
struct WebhookSignatureTests {
    static let key = "whk-signature-test"
    static let leafLinkBody = Array(#"{"type":"product","action":"edit","data":{"id":2093,"sku":"BAR-1"}}"#.utf8)
    static let distruBody = Array(
        #"{"type":"PRODUCT","event":"UPDATE","id":"\#(DistruDemo.chocolate)","object":null,"changes":{},"occurred_datetime":"2026-11-27T10:00:00.000000Z"}"#
            .utf8)

    /// One remote's webhook route, a body, its right signature and the wrong ones to try
    /// (nil: no header), and the event type the accepted body is logged as.
    struct Remote {
        var path: String, header: String, body: [UInt8], right: String, wrong: [String?], received: String

        static let leafLink: Remote = {
            let right = LeafLinkWebhooks.signature(body: leafLinkBody, key: key)
            let wrong: [String?] = [
                nil, "", "not base64 at all!", String(right.dropLast(8)), "sha256=" + right,
                LeafLinkWebhooks.signature(body: leafLinkBody, key: "another-key"),
                LeafLinkWebhooks.signature(body: Array("{}".utf8), key: key),
            ]
            return Remote(
                path: "/webhooks/leaflink", header: LeafLinkWebhooks.signatureHeader, body: leafLinkBody, right: right, wrong: wrong,
                received: "leaflink.webhook.received")
        }()

        static let distru: Remote = {
            let right = DistruWebhooks.signature(body: distruBody, secret: key)
            let hex = String(right.dropFirst("sha256=".count))
            let wrong: [String?] = [
                nil, "", hex, "sha1=" + hex, "sha256=" + hex.dropLast(), "sha256=" + hex.dropLast(2) + "zz", "sha256=" + hex.prefix(32),
                DistruWebhooks.signature(body: distruBody, secret: "another-secret"),
                DistruWebhooks.signature(body: Array("{}".utf8), secret: key),
            ]
            return Remote(
                path: "/webhooks/distru", header: DistruWebhooks.signatureHeader, body: distruBody, right: right, wrong: wrong,
                received: "distru.webhook.received")
        }()
    }

    /// Serves the endpoints `make` builds (from an event store and a wake-up), posts the body
    /// with each wrong signature and checks each refusal; then with the right one, accepted.
    func expectOnlyTheRightSignature(
        _ remote: Remote, _ make: (MemoryEventStore, @escaping @Sendable () async -> Void) -> ServiceEndpoints
    ) async throws {
        let store = MemoryEventStore()
        let wakes = Calls()
        try await withServiceHTTP(make(store, { wakes.record([]) })) { base in
            for signature in remote.wrong {
                let answer = try await rawRequest(
                    base + remote.path, method: .POST, headers: signature.map { [(remote.header, $0)] } ?? [], body: remote.body)
                #expect(answer.status == 401, "signature \(signature ?? "none")")
                let text = String(decoding: answer.body, as: UTF8.self)
                #expect(text.contains(remote.header) && !text.contains(Self.key), "\(text)")
            }
            #expect(store.events.isEmpty, "a refused webhook appended \(store.events.map(\.type))")
            #expect(wakes.count == 0)
            // The right signature still passes: the refusals were for the signature alone.
            let accepted = try await rawRequest(
                base + remote.path, method: .POST, headers: [(remote.header, remote.right)], body: remote.body)
            #expect(accepted.status == 200)
            #expect(store.ofType(remote.received).count == 1)
        }
    }

    static let ready: @Sendable () async -> ReadinessReport = { ReadinessReport(ready: true) }

    @Test(
        "LeafLink: no LL-Signature, an empty one, one not base64, a truncated MAC, another key's, another body's: all 401, nothing logged")
    func leafLinkRefusals() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            try await expectOnlyTheRightSignature(.leafLink) { store, wake in
                let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
                return ServiceEndpoints(
                    leafLinkWebhook: ServiceEndpoints.webhook(into: fetcher, secret: Self.key, onAccepted: wake), isReady: Self.ready)
            }
        }
    }

    @Test(
        "Distru: no x-distru-signature, an empty one, no sha256= prefix, odd or non-hex digits, a short MAC, another secret's, another body's: all 401, nothing logged"
    )
    func distruRefusals() async throws {
        try await withDistru { sim in
            try await expectOnlyTheRightSignature(.distru) { store, wake in
                let fetcher = DistruFetcher(client: client(for: sim), store: store)
                return ServiceEndpoints(
                    distruWebhook: ServiceEndpoints.webhook(into: fetcher, secret: Self.key, onAccepted: wake), isReady: Self.ready)
            }
        }
    }
}
