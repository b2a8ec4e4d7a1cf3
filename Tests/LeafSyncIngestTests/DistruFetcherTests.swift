import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafSyncIngest
import LeafSyncJSON
import LeafSyncLog
import LeafSyncTestSupport
import NIOHTTP1
import SimulatorSupport
import Testing

@Suite("Distru fetcher into the log")
struct DistruFetcherTests {
    func fetcher(_ sim: RunningDistruSimulator, _ store: any IngestEventStore, overlap: Duration = .zero) -> DistruFetcher {
        var options = DistruFetcher.Options()
        options.overlap = overlap
        return DistruFetcher(client: client(for: sim), store: store, options: options)
    }

    @Test("a first cycle observes every record with its exact bytes; an unchanged second cycle appends nothing")
    func unchangedAppendsNothing() async throws {
        try await withDistru { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store, overlap: .seconds(120))
            let first = try await f.fetchCycle()
            #expect(store.ofType("distru.product.observed").count == 13)
            #expect(store.ofType("distru.order.observed").count == 3)
            #expect(store.ofType("distru.company.observed").count == 5)
            #expect(store.ofType("distru.user.observed").count == 3)
            #expect(store.ofType("distru.location.observed").count == 2)
            #expect(store.ofType("distru.tax.observed").count == 2)
            #expect(store.ofType("distru.invoice.observed").count == 1)
            let inventory = store.ofType("distru.inventory.observed")
            #expect(inventory.count == 14)
            #expect(inventory.contains { $0.subject == "distru-inventory:\(DistruDemo.chocolate):\(DistruDemo.warehouse)" })
            #expect(
                store.ofType("distru.fetch.cursor").map(\.subject).sorted()
                    == ["distru-cursor:companies", "distru-cursor:invoices", "distru-cursor:orders", "distru-cursor:products"])
            #expect(first.allSatisfy { $0.deleted == 0 })
            // Payloads are the bytes as received: slice of the simulator's page.
            let order = try #require(
                store.ofType("distru.order.observed").first { $0.subject == "distru-order:\(DistruDemo.processingOrder)" })
            let direct = try await client(for: sim).order(id: DistruDemo.processingOrder).raw.bytes
            #expect(order.payload.bytes == direct)
            #expect(order.source == "distru" && order.schemaVersion == 1)

            let count = store.events.count
            let second = try await f.fetchCycle()
            #expect(store.events.count == count)
            #expect(second.allSatisfy { $0.appended == 0 })
            // A fresh fetcher rebuilds what it saw from the log and appends nothing either.
            let again = fetcher(sim, store, overlap: .seconds(120))
            _ = try await again.fetchCycle()
            #expect(store.events.count == count)
        }
    }

    @Test("an incremental pass reads only what changed and observes just that record")
    func incrementalPass() async throws {
        try await withDistru { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            _ = try await f.pass(DistruEvents.order)
            let cursor = try #require(await f.cursor(for: .orders))
            try await Task.sleep(for: .milliseconds(5))
            _ = try await control(
                sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/delivery", ["delivery_datetime": "2026-12-01T17:00:00Z"])
            let before = store.events.count
            let report = try await f.pass(DistruEvents.order)
            #expect(report.full == false)
            #expect(report.received >= 1 && report.received < 3)
            #expect(report.appended == 1)
            let new = store.events.dropFirst(before)
            #expect(new.first?.subject == "distru-order:\(DistruDemo.processingOrder)")
            #expect(try #require(await f.cursor(for: .orders)) >= cursor)
        }
    }

    @Test("a deleted SO is observed as a deletion event, from a full listing")
    func deletionFromListing() async throws {
        try await withDistru { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            _ = try await f.pass(DistruEvents.order)
            try await client(for: sim).deleteOrder(id: DistruDemo.processingOrder)
            let incremental = try await f.pass(DistruEvents.order)
            #expect(incremental.deleted == 0)  // an incremental listing cannot see deletions
            let full = try await f.pass(DistruEvents.order, full: true)
            #expect(full.deleted == 1)
            let deleted = store.ofType("distru.order.deleted")
            #expect(deleted.map(\.subject) == ["distru-order:\(DistruDemo.processingOrder)"])
            #expect(String(decoding: deleted[0].payload, as: UTF8.self) == "{\"id\":\"\(DistruDemo.processingOrder)\"}")
            // Seen as deleted after a restart too: nothing more is appended.
            let count = store.events.count
            let restarted = fetcher(sim, store)
            _ = try await restarted.pass(DistruEvents.order, full: true)
            #expect(store.events.count == count)
        }
    }

    @Test("the run loop keeps fetching, survives a failed cycle, and stops when cancelled")
    func runLoop() async throws {
        try await withDistru { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            await sim.simulator.faults.enqueue([.status(400, retryAfter: nil)])  // the first cycle fails
            let task = Task { await f.run(every: .milliseconds(10)) }
            #expect(try await eventually(30) { store.ofType("distru.order.observed").count == 3 })
            _ = try await control(
                sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/delivery", ["delivery_datetime": "2026-12-03T17:00:00Z"])
            #expect(try await eventually(30) { store.ofType("distru.order.observed").count == 4 })
            task.cancel()
            await task.value
        }
    }

    @Test("restart from the real event log resumes without re-appending")
    func restartFromLog() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("distru-fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDistru { sim in
            let writer = try EventLogWriter(directory: dir.path, options: EventLogOptions(durability: .none))
            let log = EventLogStore(writer: writer, directory: dir)
            _ = try await fetcher(sim, log).fetchCycle()
            let count = try EventLogReader(directory: dir).readAll().count
            #expect(count > 20)
            _ = try await fetcher(sim, log).fetchCycle()
            #expect(try EventLogReader(directory: dir).readAll().count == count)
            await writer.close()
        }
    }

    @Test("webhooks: signed ones are logged and refetched, tampered or unsigned are refused, DELETE becomes a deletion")
    func webhooks() async throws {
        let secret = "whsec-test-secret"
        try await withDistru { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            _ = try await f.pass(DistruEvents.order)
            let receiver = try await WebhookReceiver.start(fetcher: f, secret: secret)
            await sim.simulator.webhooks.configure(.init(url: receiver.url, secret: secret, retryDelays: [.milliseconds(5)]))

            _ = try await control(sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/status", ["status": "PENDING"])
            await sim.simulator.webhooks.idle()
            let hooks = store.ofType("distru.webhook.received")
            #expect(hooks.map(\.subject) == ["distru-order:\(DistruDemo.processingOrder)"])
            let observed = store.ofType("distru.order.observed").last!
            #expect(observed.causationID == hooks[0].sequence)
            #expect(try DistruOrderPayload.status(observed.payload.bytes) == "PENDING")

            try await client(for: sim).deleteOrder(id: DistruDemo.processingOrder)
            await sim.simulator.webhooks.idle()
            #expect(store.ofType("distru.order.deleted").map(\.subject) == ["distru-order:\(DistruDemo.processingOrder)"])
            #expect(await sim.simulator.webhooks.deliveries.allSatisfy(\.delivered))
            await receiver.stop()

            // Direct checks of the signature: valid, tampered, missing, wrong secret.
            let body = Array(
                #"{"type":"PRODUCT","event":"UPDATE","id":"\#(DistruDemo.chocolate)","object":null,"changes":{},"occurred_datetime":"2026-11-27T10:00:00.000000Z"}"#
                    .utf8)
            let sig = DistruWebhooks.signature(body: body, secret: secret)
            #expect(sig.hasPrefix("sha256=") && sig.count == 7 + 64)
            var tampered = body
            tampered[tampered.count - 3] = UInt8(ascii: "1")
            let count = store.events.count
            #expect(try await f.receiveWebhook(body: tampered, signature: sig, secret: secret) == .badSignature)
            #expect(try await f.receiveWebhook(body: body, signature: nil, secret: secret) == .badSignature)
            #expect(try await f.receiveWebhook(body: body, signature: sig, secret: "other") == .badSignature)
            #expect(store.events.count == count)
            let ok = try await f.receiveWebhook(
                body: body, signature: sig.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="), secret: secret)
            guard case .accepted(let seq, let obs) = ok else { Issue.record("got \(ok)"); return }
            #expect(store.events[Int(seq) - 1].subject == "distru-product:\(DistruDemo.chocolate)")
            #expect(obs != nil)
            #expect(try await f.receiveWebhook(body: body, signature: sig, secret: secret) == .duplicate)
        }
    }
}

enum DistruOrderPayload {
    static func status(_ bytes: [UInt8]) throws -> String? { try JSONParser.parse(bytes)["status"]?.stringValue }
}
