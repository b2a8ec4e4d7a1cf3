import Foundation
import HTTPClientSupport
import LeafSyncDomain
import LeafSyncIngest
import LeafSyncJSON
import LeafSyncLog
import LeafSyncTestSupport
import MetrcAPI
import MetrcSimulator
import NIOHTTP1
import Testing

@Suite("Metrc fetcher into the log")
struct MetrcFetcherTests {
    func fetcher(_ sim: RunningMetrcSimulator, _ store: any IngestEventStore) -> MetrcFetcher {
        MetrcFetcher(client: client(for: sim), store: store)
    }

    /// The latest `metrc.transfer.observed` of transfer `id`, decoded as the reducer does.
    func observed(_ store: MemoryEventStore, _ id: Int) throws -> (count: Int, transfer: MetrcTransfer?) {
        let events = store.ofType("metrc.transfer.observed").filter { $0.subject == "metrc-transfer:\(id)" }
        return (events.count, try events.last.map { try MetrcTransfer(json: try JSONParser.parse($0.payload.bytes)) })
    }

    /// A template for an SO, turned into a transfer the way a person does it in the Metrc UI.
    func transferFromTemplate(_ sim: RunningMetrcSimulator, labels: [String]) async throws -> (template: Int, transfer: Int) {
        let write = MetrcTemplateWrite(
            name: "SO-001042",
            destinations: [
                .init(
                    recipientLicenseNumber: MetrcDemo.goodVibrations, transferTypeName: "Wholesale Manifest", invoiceNumber: "SO-001042",
                    packages: labels.map { .init(packageLabel: $0) })
            ])
        let template = try await client(for: sim).createOutgoingTemplate(write, licenseNumber: MetrcDemo.mainWarehouse)
        let transfer = try await control(sim, .POST, "/_sim/templates/\(template)/transfer")
        return (template, try #require(transfer["Id"]?.intValue))
    }

    @Test("R-MTC-02: a transfer made from a template is observed once with its template id and package labels")
    func templateToTransfer() async throws {
        try await withMetrc { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            let labels = [MetrcDemo.darkChocolate] + MetrcDemo.preRolls
            let (template, id) = try await transferFromTemplate(sim, labels: labels)
            let reports = try await f.fetchCycle()
            let (count, transfer) = try observed(store, id)
            #expect(count == 1)
            let t = try #require(transfer)
            #expect(t.originatingTemplateID == String(template) && !t.isVoided)
            #expect(t.packageLabels == Set(labels))
            #expect(
                t.deliveries.map(\.invoiceNumber) == ["SO-001042"] && t.deliveries.map(\.recipientLicense) == [MetrcDemo.goodVibrations])
            let event = try #require(store.ofType("metrc.transfer.observed").first { $0.subject == "metrc-transfer:\(id)" })
            #expect(event.source == "metrc")
            #expect(store.ofType("metrc.fetch.cursor").map(\.subject) == ["metrc-cursor:transfers/v2/outgoing"])
            #expect(reports.first?.cursor != nil)

            // Nothing changed: a second cycle, and a fresh fetcher rebuilt from the log, observe
            // nothing again (only the cursor may move up to the transfer's LastModified).
            let observations = store.ofType("metrc.transfer.observed").count
            let again = try await f.fetchCycle()
            _ = try await fetcher(sim, store).fetchCycle()
            #expect(store.ofType("metrc.transfer.observed").count == observations)
            #expect(again.first?.received == 1 && again.first?.unchanged == 1)
        }
    }

    @Test("voiding a transfer appends a new observation with IsVoided")
    func voiding() async throws {
        try await withMetrc { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            let (_, id) = try await transferFromTemplate(sim, labels: [MetrcDemo.darkChocolate])
            _ = try await f.fetchCycle()
            try await control(sim, .POST, "/_sim/transfers/\(id)/void")
            _ = try await f.fetchCycle()
            let (count, transfer) = try observed(store, id)
            #expect(count == 2)
            #expect(transfer?.isVoided == true)
        }
    }

    @Test("a rejected package appends a new observation without that label")
    func rejection() async throws {
        try await withMetrc { sim in
            let store = MemoryEventStore()
            let f = fetcher(sim, store)
            let (_, id) = try await transferFromTemplate(sim, labels: MetrcDemo.preRolls)
            _ = try await f.fetchCycle()
            let delivery = try #require(try observed(store, id).transfer?.deliveries.first?.id)
            try await control(sim, .POST, "/_sim/deliveries/\(delivery)/reject", ["labels": [.string(MetrcDemo.preRolls[1])]])
            _ = try await f.fetchCycle()
            let (count, transfer) = try observed(store, id)
            #expect(count == 2)
            #expect(transfer?.packageLabels == [MetrcDemo.preRolls[0]])
        }
    }

    @Test("every facility the keys reach is polled in windows of at most 24 hours; a direct transfer is observed too")
    func facilitiesAndWindows() async throws {
        try await withMetrc { sim in
            let store = MemoryEventStore()
            let made = try await control(
                sim, .POST, "/_sim/transfers",
                [
                    "ShipperFacilityLicenseNumber": .string(MetrcDemo.northVault),
                    "Deliveries": [
                        [
                            "RecipientFacilityLicenseNumber": "402R-03333", "InvoiceNumber": "SO-009999",
                            "Packages": [["PackageLabel": "1A4FF0100000022000001236"]],
                        ]
                    ],
                ])
            _ = try await fetcher(sim, store).fetchCycle()
            let id = try #require(made["Id"]?.intValue)
            let transfer = try #require(try observed(store, id).transfer)
            #expect(transfer.deliveries.first?.invoiceNumber == "SO-009999" && transfer.originatingTemplateID == nil)
            let calls = try await metrcRequests(sim).filter { $0["path"]?.stringValue == "/transfers/v2/outgoing" }
            #expect(
                Set(calls.compactMap { $0["query"]?["licenseNumber"]?.stringValue }) == [MetrcDemo.mainWarehouse, MetrcDemo.northVault])
            #expect(calls.count >= 2 * 30)  // the first pass reads 30 days back, a day at a time, per facility
            #expect(calls.allSatisfy { $0["status"]?.intValue == 200 })
            #expect(calls.allSatisfy { Self.windowLength($0) <= 86_400_000_000 })

            // The next pass starts from the cursor: one short window per facility.
            try await control(sim, .DELETE, "/_sim/requests")
            _ = try await fetcher(sim, store).fetchCycle()
            let next = try await metrcRequests(sim).filter { $0["path"]?.stringValue == "/transfers/v2/outgoing" }
            #expect(next.count == 2)
            #expect(next.allSatisfy { Self.windowLength($0) < 3_600_000_000 })
        }
    }

    /// The span of a recorded list call's `lastModifiedStart`…`lastModifiedEnd`, in microseconds.
    static func windowLength(_ call: JSONValue) -> Int64 {
        let start = call["query"]?["lastModifiedStart"]?.stringValue.flatMap(MetrcTimestamp.init)
        let end = call["query"]?["lastModifiedEnd"]?.stringValue.flatMap(MetrcTimestamp.init)
        guard let start, let end else { return .max }
        return end.microseconds - start.microseconds
    }

    @Test("the seeded transfer of SO-001040 completes into the payload the reducer reads")
    func seededTransferPayload() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            let day = try #require(MetrcTimestamp("2026-11-12T00:00:00Z"))
            let row = try #require(
                try await c.outgoingTransfers(licenseNumber: MetrcDemo.northVault, from: day, to: day.moved(by: .seconds(86_400))).first)
            let payload = try await c.completeTransfer(row.raw)
            let transfer = try MetrcTransfer(json: try JSONParser.parse(payload.bytes))
            #expect(transfer.id == MetrcDemo.seededTransfer && transfer.manifestNumber == "0009188201" && !transfer.isVoided)
            #expect(transfer.deliveries.map(\.invoiceNumber) == ["SO-001040"])
            #expect(transfer.deliveries.map(\.recipientLicense) == ["402R-03333"])
            #expect(transfer.packageLabels == ["1A4FF0100000022000001234"])
            // The row's own members come first, exactly as listed.
            let json = try JSONParser.parse(payload.bytes)
            #expect(json["ShipperFacilityLicenseNumber"]?.stringValue == MetrcDemo.northVault)
            #expect(json["Deliveries"]?.arrayValue?.first?["Packages"]?.arrayValue?.first?["ShippedQuantity"]?.text == "16")
        }
    }
}
