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

    /// Posts `body` to `path` with each signature (nil: no header) and checks each refusal.
    func expectRefused(
        _ base: String, _ path: String, header: String, body: [UInt8], signatures: [String?], store: MemoryEventStore, wakes: Calls
    ) async throws {
        for signature in signatures {
            let answer = try await rawRequest(
                base + path, method: .POST, headers: signature.map { [(header, $0)] } ?? [], body: body)
            #expect(answer.status == 401, "signature \(signature ?? "none")")
            let text = String(decoding: answer.body, as: UTF8.self)
            #expect(text.contains(header) && !text.contains(Self.key), "\(text)")
        }
        #expect(store.events.isEmpty, "a refused webhook appended \(store.events.map(\.type))")
        #expect(wakes.count == 0)
    }

    @Test("LeafLink: no LL-Signature, an empty one, one not base64, a truncated MAC, another key's, another body's: all 401, nothing logged")
    func leafLinkRefusals() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let store = MemoryEventStore()
            let wakes = Calls()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let endpoints = ServiceEndpoints(
                leafLinkWebhook: ServiceEndpoints.webhook(into: fetcher, secret: Self.key) { wakes.record([]) },
                isReady: { ReadinessReport(ready: true) })
            let right = LeafLinkWebhooks.signature(body: Self.leafLinkBody, key: Self.key)
            try await withServiceHTTP(endpoints) { base in
                try await expectRefused(
                    base, "/webhooks/leaflink", header: LeafLinkWebhooks.signatureHeader, body: Self.leafLinkBody,
                    signatures: [
                        nil, "", "not base64 at all!", String(right.dropLast(8)), "sha256=" + right,
                        LeafLinkWebhooks.signature(body: Self.leafLinkBody, key: "another-key"),
                        LeafLinkWebhooks.signature(body: Array("{}".utf8), key: Self.key),
                    ], store: store, wakes: wakes)
                // The right signature still passes: the refusals were for the signature alone.
                let accepted = try await rawRequest(
                    base + "/webhooks/leaflink", method: .POST, headers: [(LeafLinkWebhooks.signatureHeader, right)], body: Self.leafLinkBody)
                #expect(accepted.status == 200)
                #expect(store.ofType("leaflink.webhook.received").count == 1)
            }
        }
    }

    @Test("Distru: no x-distru-signature, an empty one, no sha256= prefix, odd or non-hex digits, a short MAC, another secret's, another body's: all 401, nothing logged")
    func distruRefusals() async throws {
        try await withDistru { sim in
            let store = MemoryEventStore()
            let wakes = Calls()
            let fetcher = DistruFetcher(client: client(for: sim), store: store)
            let endpoints = ServiceEndpoints(
                distruWebhook: ServiceEndpoints.webhook(into: fetcher, secret: Self.key) { wakes.record([]) },
                isReady: { ReadinessReport(ready: true) })
            let right = DistruWebhooks.signature(body: Self.distruBody, secret: Self.key)
            let hex = String(right.dropFirst("sha256=".count))
            try await withServiceHTTP(endpoints) { base in
                try await expectRefused(
                    base, "/webhooks/distru", header: DistruWebhooks.signatureHeader, body: Self.distruBody,
                    signatures: [
                        nil, "", hex, "sha1=" + hex, "sha256=" + hex.dropLast(), "sha256=" + hex.dropLast(2) + "zz",
                        "sha256=" + hex.prefix(32), DistruWebhooks.signature(body: Self.distruBody, secret: "another-secret"),
                        DistruWebhooks.signature(body: Array("{}".utf8), secret: Self.key),
                    ], store: store, wakes: wakes)
                let accepted = try await rawRequest(
                    base + "/webhooks/distru", method: .POST, headers: [(DistruWebhooks.signatureHeader, right)], body: Self.distruBody)
                #expect(accepted.status == 200)
                #expect(store.ofType("distru.webhook.received").count == 1)
            }
        }
    }
}
