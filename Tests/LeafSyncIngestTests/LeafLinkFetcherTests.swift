import Foundation
import HTTPClientSupport
import HTTPTypes
import Hummingbird
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncDomain
import LeafSyncIngest
import LeafSyncJSON
import LeafSyncLog
import LeafSyncTestSupport
import Logging
import NIOHTTP1
import SimulatorSupport
import Synchronization
import Testing

/// Fetch loops from the simulator into the log.
@Suite("LeafLink fetcher into the log") struct LeafLinkFetcherTests {
    func ordersOnly() -> LeafLinkFetcher.Options {
        var o = LeafLinkFetcher.Options()
        o.kinds = [LeafLinkEvents.order]
        return o
    }

    func observedSubjects(_ events: [RecordedEvent], from: Int = 0) -> [String] {
        events.dropFirst(from).filter { $0.type.hasSuffix(".observed") }.map(\.subject)
    }

    @Test("first cycle observes every record with its exact bytes") func firstCycleObservesEveryRecordWithItsExactBytes() async throws {
        try await withSimulator { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim, pageLimit: 4), store: store)
            let reports = try await fetcher.fetchCycle(correlationID: "cycle-1")
            #expect(reports.map(\.resource) == [.companyStaff, .customers, .products, .ordersReceived, .orderPayments, .credits])
            let events = store.events
            #expect(store.ofType("leaflink.order.observed").count == 15)
            #expect(store.ofType("leaflink.product.observed").count == 10)
            #expect(store.ofType("leaflink.customer.observed").count == 5)
            #expect(store.ofType("leaflink.staff.observed").count == 4)
            #expect(store.ofType("leaflink.order-payment.observed").count == 2)
            #expect(store.ofType("leaflink.credit.observed").count == 2)
            #expect(
                Set(store.ofType("leaflink.fetch.cursor").map(\.subject)) == [
                    "ll-cursor:customers", "ll-cursor:products", "ll-cursor:orders-received",
                ])
            #expect(events.allSatisfy { $0.source == "leaflink" && $0.correlationID == "cycle-1" && $0.schemaVersion == 1 })
            // The payload is the record exactly as the API serves it, embedded children included.
            let order = try #require(store.ofType("leaflink.order.observed").first)
            let number = String(order.subject.dropFirst("ll-order:".count))
            let direct = try await client(for: sim).order(number: number)
            #expect(order.payload.bytes == direct.raw.bytes)
            let decoded = try LeafLinkClient.decoder.decode(Order.self, from: Data(order.payload))
            #expect(decoded.lineItems?.isEmpty == false && decoded.customer?.name != nil)
        }
    }

    @Test("incremental fetch picks up exactly the modified records including one changed mid fetch")
    func incrementalFetchPicksUpExactlyTheModifiedRecordsIncludingOneChangedMidFetch() async throws {
        try await withSimulator { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim, pageLimit: 2), store: store, options: ordersOnly())
            let first = try await fetcher.fetchCycle()
            #expect(first[0].received == 15 && first[0].appended == 15)
            let cursor = try #require(await fetcher.cursor(for: .ordersReceived))

            let numbers = await sim.store.orderNumbers()
            let changed = [numbers[3], numbers[9]]
            for n in changed { await sim.store.touchOrder(n, notes: "edited by the seller") }
            // While the next pass reads its second page, the buyer edits an order the pass
            // has already read: it must be picked up by the following pass.
            let midFetch = numbers[0]
            let fired = HookFlag()
            await sim.store.setListHook { resource, offset in
                if resource == "orders-received", offset == 2, fired.fire() {
                    await sim.store.touchOrder(midFetch, notes: "edited during the fetch")
                }
            }
            let before = store.events.count
            let second = try await fetcher.fetchCycle()
            #expect(second[0].received < 15, "the cursor limits the listing")
            let secondSubjects = observedSubjects(store.events, from: before)
            #expect(Set(secondSubjects).isSuperset(of: changed.map { "ll-order:\($0)" }))
            #expect(await fetcher.cursor(for: .ordersReceived)! >= cursor)

            await sim.store.setListHook(nil)
            let third = try await fetcher.fetchCycle()
            #expect(third[0].appended <= 1)
            let all = observedSubjects(store.events, from: before)
            #expect(all.sorted() == (changed + [midFetch]).map { "ll-order:\($0)" }.sorted())
        }
    }

    @Test("refetching an unchanged catalogue appends nothing across a restart")
    func refetchingAnUnchangedCatalogueAppendsNothingAcrossARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leaflink-fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withSimulator { sim in
            let writer = try EventLogWriter(directory: dir, options: EventLogOptions(durability: .none))
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: EventLogStore(writer: writer, directory: dir))
            try await fetcher.fetchCycle()
            let afterFirst = writer.lastSequence
            #expect(afterFirst > 30)
            try await fetcher.fetchCycle()
            #expect(writer.lastSequence == afterFirst)
            await writer.close()

            // A new process: last observations and cursors come back from the log.
            let reopened = try EventLogWriter(directory: dir, options: EventLogOptions(durability: .none))
            let restarted = LeafLinkFetcher(client: client(for: sim), store: EventLogStore(writer: reopened, directory: dir))
            try await restarted.fetchCycle()
            #expect(reopened.lastSequence == afterFirst)
            #expect(await restarted.cursor(for: .products) != nil)

            // One product and one customer change: exactly one event each.
            _ = try await client(for: sim).setProductQuantity(id: 2093, 799)
            _ = try await control(sim, .PATCH, "/_sim/seller/customers/148516", ["phone": "303-555-0000"])
            let reports = try await restarted.fetchCycle()
            #expect(reports.first { $0.resource == .products }?.appended == 1)
            let events = try EventLogReader(directory: dir).readAll(from: afterFirst + 1)
            #expect(events.filter { $0.type.hasSuffix(".observed") }.map(\.subject) == ["ll-customer:148516", "ll-product:2093"])
            await reopened.close()
        }
    }

    @Test("server error storm is a typed error and appends nothing") func serverErrorStormIsATypedErrorAndAppendsNothing() async throws {
        try await withSimulator { sim in
            await sim.simulator.faults.enqueue(Array(repeating: .status(500, retryAfter: nil), count: 20))
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim, attempts: 3), store: store)
            await #expect(throws: LeafLinkError.self) { try await fetcher.fetchCycle() }
            #expect(store.events.isEmpty)
        }
    }

    @Test("malformed page is a typed error with no event") func malformedPageIsATypedErrorWithNoEvent() async throws {
        try await withSimulator { sim in
            await sim.simulator.faults.enqueue([.malformed])
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store, options: ordersOnly())
            do {
                try await fetcher.fetchCycle()
                Issue.record("expected an error")
            } catch let e as LeafLinkError {
                guard case .malformedResponse = e.kind else { Issue.record("got \(e)"); return }
            }
            #expect(store.events.isEmpty)
            // The next cycle recovers.
            try await fetcher.fetchCycle()
            #expect(store.ofType("leaflink.order.observed").count == 15)
        }
    }

    // MARK: Webhooks

    @Test("signed webhook is logged and triggers a fetch") func signedWebhookIsLoggedAndTriggersAFetch() async throws {
        let key = "whk-test-\(UUID().uuidString)"
        let store = MemoryEventStore()
        try await withSimulator(seed: tinySeed()) { sim in
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let receiver = try await WebhookReceiver.start(fetcher: fetcher, key: key)
            await sim.simulator.webhooks.configure(.init(url: receiver.url, key: key, retryDelays: [.milliseconds(5)]))

            let created = try await control(
                sim, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": 24]]])
            let number = try #require(created["orders"]?.arrayValue?.first?.stringValue)
            await sim.simulator.webhooks.idle()
            let webhooks = store.ofType("leaflink.webhook.received")
            #expect(webhooks.contains { $0.subject == "ll-order:\(number)" })
            #expect(webhooks.contains { $0.subject == "ll-product:2093" })
            let observed = try #require(store.ofType("leaflink.order.observed").first { $0.subject == "ll-order:\(number)" })
            let cause = try #require(webhooks.first { $0.subject == "ll-order:\(number)" })
            #expect(observed.causationID == cause.sequence && observed.correlationID == cause.correlationID)
            let order = try LeafLinkClient.decoder.decode(Order.self, from: Data(observed.payload))
            #expect(order.status == .submitted && order.lineItems?.count == 1)
            #expect(try LeafLinkWebhooks.parse(cause.payload.bytes).lineCount == 1)
            let deliveries = await sim.simulator.webhooks.deliveries
            #expect(!deliveries.isEmpty && deliveries.allSatisfy(\.delivered))
            await receiver.stop()
        }
    }

    @Test("tampered or missing signature is refused and appends nothing") func tamperedOrMissingSignatureIsRefusedAndAppendsNothing()
        async throws
    {
        let key = "whk-\(UUID().uuidString)"
        let store = MemoryEventStore()
        try await withSimulator(seed: tinySeed()) { sim in
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let receiver = try await WebhookReceiver.start(fetcher: fetcher, key: key)
            let body = try Paths.leafLinkSample("webhook-payloads/order-edit-2019.redacted.json")
            let signature = LeafLinkWebhooks.signature(body: body, key: key)
            var tampered = body
            tampered[tampered.firstIndex(of: UInt8(ascii: "3"))!] = UInt8(ascii: "4")

            let missing = try await rawRequest(receiver.url, method: .POST, body: body)
            #expect(missing.status == 401)
            let wrong = try await rawRequest(receiver.url, method: .POST, headers: [("LL-Signature", signature)], body: tampered)
            #expect(wrong.status == 401)
            let wrongKey = try await rawRequest(
                receiver.url, method: .POST, headers: [("LL-Signature", LeafLinkWebhooks.signature(body: body, key: "other"))], body: body)
            #expect(wrongKey.status == 401)
            #expect(store.events.isEmpty)
            await receiver.stop()
        }
    }

    @Test("duplicate delivery is acknowledged once") func duplicateDeliveryIsAcknowledgedOnce() async throws {
        let key = "whk-dup"
        let store = MemoryEventStore()
        try await withSimulator(seed: tinySeed()) { sim in
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let body = Array(#"{"type":"product","action":"edit","data":{"id":2093,"sku":"BAR-1"}}"#.utf8)
            let signature = LeafLinkWebhooks.signature(body: body, key: key)
            let first = try await fetcher.receiveWebhook(body: body, signature: signature, key: key)
            guard case .accepted(let seq, let observation) = first else { Issue.record("got \(first)"); return }
            #expect(seq == 1 && observation == 2)
            #expect(try await fetcher.receiveWebhook(body: body, signature: signature, key: key) == .duplicate)
            #expect(store.events.count == 2)
            let malformed = Array(#"{"type":"order","data":{}}"#.utf8)
            let outcome = try await fetcher.receiveWebhook(
                body: malformed, signature: LeafLinkWebhooks.signature(body: malformed, key: key), key: key)
            #expect(outcome.httpStatus == 400 && store.events.count == 2)
            // A product that cannot be fetched: the webhook is logged, LeafLink gets a 2xx.
            let gone = Array(#"{"type":"product","action":"edit","data":{"id":424242}}"#.utf8)
            let logged = try await fetcher.receiveWebhook(body: gone, signature: LeafLinkWebhooks.signature(body: gone, key: key), key: key)
            guard case .acceptedFetchFailed(let webhookSeq, let error) = logged else { Issue.record("got \(logged)"); return }
            #expect(webhookSeq == 3 && error.contains("404") && logged.httpStatus == 200)
        }
    }
}

/// Fires once.
final class HookFlag: Sendable {
    private let fired = Mutex(false)
    func fire() -> Bool {
        fired.withLock { f in
            defer { f = true }; return !f
        }
    }
}

@Suite("LeafLink fetch loop") struct LeafLinkFetchLoopTests {
    @Test("run loop keeps fetching until cancelled") func runLoopKeepsFetchingUntilCancelled() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            let loop = Task { await fetcher.run(every: .milliseconds(20)) }
            #expect(try await eventually { store.ofType("leaflink.product.observed").count == 1 })
            _ = try await client(for: sim).setProductQuantity(id: 2093, 5)
            #expect(try await eventually { store.ofType("leaflink.product.observed").count == 2 })
            loop.cancel()
            await loop.value
        }
    }
}
