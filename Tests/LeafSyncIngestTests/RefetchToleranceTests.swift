import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncIngest
import LeafSyncJSON
import LeafSyncLog
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// Issue #12 item 6: a record refetched after a webhook is logged as tolerantly as a polled
/// one — its exact bytes, whatever shape its ids and licences take.
@Suite("Webhook refetch tolerance")
struct RefetchToleranceTests {
    /// The tiny seed plus an order whose customer and rep ids are strings and whose seller is an
    /// object with licences, and a product whose licence is a bare string.
    func oddSeed(number: String) -> SimSeed {
        var seed = tinySeed()
        seed.tables["orders-received"] = [
            [
                "number": .string(number), "status": "Submitted", "seller": ["id": 3721, "licenses": [["number": "404R-00042"]]],
                "customer": ["id": "148515", "display_name": "Good Vibrations Dispensary"],
                "sales_reps": [["id": "13", "user": "John Doe"]],
            ]
        ]
        seed.tables["products"]?.append(["id": 2094, "name": "Tincture", "sku": "TIN-1", "license": "N/A"])
        return seed
    }

    @Test("an order with string ids is refetched and logged with its exact bytes, and still decodes")
    func orderWithStringIDs() async throws {
        let number = "0b7c7d52-6f6e-4c39-9d0f-2d1e4f5a6b7c"
        let key = "whk-tolerant"
        try await withSimulator(seed: oddSeed(number: number)) { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let body = Array(#"{"type":"order","action":"edit","data":{"number":"\#(number)","orderedproduct_set":[]}}"#.utf8)
            let outcome = try await fetcher.receiveWebhook(
                body: body, signature: LeafLinkWebhooks.signature(body: body, key: key), key: key)
            guard case .accepted(_, let observation?) = outcome else { Issue.record("got \(outcome)"); return }
            let observed = try #require(store.events.first { $0.sequence == observation })
            #expect(observed.subject == "ll-order:\(number)")
            let direct = try await client(for: sim).orderRecord(number: number)
            #expect(observed.payload.bytes == direct.bytes)
            let order = try LeafLinkClient.decoder.decode(Order.self, from: Data(observed.payload))
            #expect(order.customer?.id == 148515 && order.salesReps?.first?.id == 13)
        }
    }

    @Test("a product webhook giving the id as a string is refetched under the subject polling uses")
    func productIDAsString() async throws {
        let key = "whk-string-id"
        try await withSimulator(seed: oddSeed(number: "1b7c7d52-6f6e-4c39-9d0f-2d1e4f5a6b7c")) { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let body = Array(#"{"type":"product","action":"edit","data":{"id":"2094","sku":"TIN-1"}}"#.utf8)
            let outcome = try await fetcher.receiveWebhook(
                body: body, signature: LeafLinkWebhooks.signature(body: body, key: key), key: key)
            guard case .accepted(_, let observation?) = outcome else { Issue.record("got \(outcome)"); return }
            #expect(store.events.first { $0.sequence == observation }?.subject == "ll-product:2094")
            // A later poll of the same bytes appends nothing: both name it alike.
            var options = LeafLinkFetcher.Options()
            options.kinds = [LeafLinkEvents.product]
            let poller = LeafLinkFetcher(client: client(for: sim), store: store, options: options)
            _ = try await poller.fetchCycle()
            #expect(store.ofType("leaflink.product.observed").filter { $0.subject == "ll-product:2094" }.count == 1)
            let product = try await client(for: sim).product(id: 2094).value
            #expect(product.license?.number == "N/A")
        }
    }

    @Test("a Distru location webhook is refetched; a licence given as an object or a string decodes")
    func distruLocationLicence() async throws {
        let secret = "whsec-loc"
        let locationID = "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
        try await withDistru { sim in
            let store = MemoryEventStore()
            let f = DistruFetcher(client: client(for: sim), store: store)
            let body = Array(
                #"{"type":"LOCATION","event":"UPDATE","id":"\#(locationID)","object":null,"changes":{},"occurred_datetime":"2026-11-27T10:00:00.000000Z"}"#
                    .utf8)
            let outcome = try await f.receiveWebhook(
                body: body, signature: DistruWebhooks.signature(body: body, secret: secret), secret: secret)
            guard case .accepted(_, let observation?) = outcome else { Issue.record("got \(outcome)"); return }
            #expect(store.events.first { $0.sequence == observation }?.subject == "distru-location:\(locationID)")
        }
        let call = HTTPCall(service: "Distru", method: "GET", url: "/", attempts: 1)
        for (json, number) in [
            (#"{"id":7,"name":"A","license":{"license_number":"403R-1","active":true}}"#, "403R-1"),
            (#"{"id":"x","name":"B","license":"403R-2"}"#, "403R-2"),
        ] {
            let location: DistruLocationModel = try RawRecord(bytes: Array(json.utf8), call: call).decode()
            #expect(location.license == number)
        }
    }

    @Test("every few cycles products, and only products, are listed in full: a reservation that leaves modified alone is observed")
    func fullProductListingSeesReservations() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let store = MemoryEventStore()
            var options = LeafLinkFetcher.Options()
            options.kinds = [LeafLinkEvents.product, LeafLinkEvents.order]
            options.fullListingEvery = 2
            #expect(options.fullListingKinds == [.products])
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store, options: options)
            #expect(try await fetcher.fetchCycle().map(\.full) == [true, true])  // no cursors yet
            _ = try await control(sim, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": 24]]])
            #expect(try await fetcher.fetchCycle().map(\.full) == [false, false])
            #expect(try await fetcher.fetchCycle().map(\.full) == [true, false])
            let observed = try #require(store.ofType("leaflink.product.observed").last)
            #expect(try JSONParser.parse(observed.payload.bytes)["reserved_qty"] == "24.0000")
        }
    }
}
