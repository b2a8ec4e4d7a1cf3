import DistruSimulator
import Foundation
import GRDB
import LeafLinkSimulator
import LeafSyncDemo
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import LeafSyncService
import LeafSyncTestSupport
import MetrcSimulator
import Synchronization
import Testing

@Suite("The demo scenario end to end over loopback (what `leafsync demo` plays)")
struct DemoScenarioTests {
    @Test(
        "R-USR-01, R-PRD-03, R-PRD-05, R-INV-02, R-INV-03, R-INV-04, R-PRC-01, R-PRC-02, R-CUS-01, R-ORD-01, R-ORD-05, R-ORD-06, R-ORD-08, R-ORD-09, R-ORD-10, R-ORD-11, R-UPD-01, R-UPD-04, R-UPD-06, R-UPD-08, R-PAY-01, R-PAY-02, R-MTC-01, R-MTC-02, R-ERR-01: the whole story plays, and the three simulators, the projections, the outbox and the log end as it says"
    )
    func wholeStory() async throws {
        try await withMetrc { metrc in try await play(metrc) }
    }

    /// The story against the LeafLink and Distru simulators started here and `metrc`.
    func play(_ metrc: RunningMetrcSimulator) async throws {
        try await withSimulator { ll in
            try await withDistru { distru in
                let tenant = TemporaryDirectory("demo-story")
                let progress = Mutex<[DemoProgress]>([])
                let run = try await DemoRun.play(
                    directory: tenant.path, leafLinkRoot: Self.root(ll.baseURL, "api/v2/"), distruRoot: Self.root(distru.baseURL, "public/v1/"),
                    metrcRoot: metrc.baseURL, leafLinkAPIKey: LeafLinkSimulator.defaultAPIKey, distruAPIKey: DistruSimulator.defaultAPIKey,
                    metrcVendorKey: MetrcSimulator.defaultVendorKey, metrcUserKey: MetrcSimulator.defaultUserKey,
                    report: { step in progress.withLock { $0.append(step) } })
                let steps = progress.withLock { $0 }
                #expect(steps.filter { if case .chapter = $0 { true } else { false } }.count == 15)
                let outcome = run.outcome

                // Read back through the simulators' public APIs, as the engine does.
                let read = DemoSession(
                    endpoints: DemoEndpoints(
                        leafLink: Self.root(ll.baseURL, "api/v2/"), distru: Self.root(distru.baseURL, "public/v1/"), service: run.serviceURL,
                        adminToken: "", leafLinkAPIKey: LeafLinkSimulator.defaultAPIKey, distruAPIKey: DistruSimulator.defaultAPIKey,
                        outbox: tenant.sub("outbox")),
                    report: { _ in })
                let goodVibrations = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"
                #expect(try await read.leafLink("orders-received/\(goodVibrations)/")["status"]?.stringValue == "Complete")
                let payments = (try await read.leafLink("orders-received/\(goodVibrations)/payments/").array ?? []).compactMap { $0["total"]?.decimal }
                #expect(Set(payments) == [120, -120])
                #expect(try await read.distru("orders/\(try #require(outcome.salesOrders[goodVibrations]))")["status"]?.stringValue == "COMPLETED")

                let rich = try #require(outcome.richOrder)
                let richSO = try await read.distru("orders/\(try #require(outcome.salesOrders[rich]))")
                #expect(richSO["items"]?.array?.count == 3)  // R-ORD-10: the two GMO lines stay apart
                #expect(richSO["company"]?["name"]?.stringValue == "Front Range Cannabis Co.")  // R-CUS-01
                let charges = Set((richSO["charges"]?.array ?? []).map(DemoStory.describe))
                // R-ORD-05 tax, R-ORD-08 shipping and discount, R-ORD-06 credit, R-ORD-09 the negative line.
                #expect(charges == ["CHARGE tax CO Excise", "CHARGE 25 shipping", "DISCOUNT 5%", "DISCOUNT 30", "DISCOUNT 15"], "\(charges)")

                for number in outcome.combinedFrom {
                    #expect(try await read.distru("orders/\(try #require(outcome.salesOrders[number]))")["status"]?.stringValue == "CANCELED")
                }
                let combined = try #require(outcome.combined)
                #expect(try await read.distru("orders/\(try #require(outcome.salesOrders[combined]))")["items"]?.array?.count == 2)
                #expect(outcome.split.count == 2 && outcome.split.allSatisfy { outcome.salesOrders[$0] != nil })

                // R-MTC-01, R-MTC-02: the SO completed by the transfer made from its template, the LL order Complete.
                let metrcOrder = try #require(outcome.metrcOrder)
                let metrcSO = try await read.distru("orders/\(try #require(outcome.salesOrders[metrcOrder]))")
                #expect(metrcSO["status"]?.stringValue == "COMPLETED")
                #expect(metrcSO["metrc_transfer_id"].map(JSONWriter.compact)?.contains(try #require(outcome.metrcTransfer)) == true)
                #expect(try await read.leafLink("orders-received/\(metrcOrder)/")["status"]?.stringValue == "Complete")

                let rejected = try #require(outcome.rejected)
                #expect(try await read.leafLink("orders-received/\(rejected)/")["status"]?.stringValue == "Rejected")
                #expect(try await read.distruStatus("orders/\(try #require(outcome.salesOrders[rejected]))") == 404)

                let created = try #require(outcome.createdListing)
                #expect(try await read.leafLink("products/\(created)/")["sku"]?.stringValue == "CLM-TIN-30")
                #expect(try await read.leafLink("products/2095/")["wholesale_price"]?.decimal == 102)
                #expect(try await read.leafLink("products/2101/")["quantity"]?.decimal == 200)
                #expect(try await read.distru("products/4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04")["unit_price"]?.decimal == Decimal(string: "9.5"))

                // The outbox: one e-mail per opened sync error, none twice.
                let mails = try FileManager.default.contentsOfDirectory(atPath: tenant.sub("outbox")).filter { $0.hasSuffix(".eml") }
                #expect(mails.count == outcome.emails && mails.count >= 8)

                // The log verifies, and the engine has nothing left to do but the order blocked on purpose.
                let events = try EventLogReader(directory: tenant.sub("log")).readAll()
                #expect(events.last?.sequence == run.lastSequence)
                var state = SyncState()
                for event in events { _ = reduce(into: &state, recorded: event) }
                #expect(state.commands.abandoned.isEmpty, "\(state.commands.abandoned)")
                #expect(state.orders["36f675cc-81e7-4ef5-a8e2-5d940ed90475"]?.phase == .blocked)

                // The projections, brought to the end of the log, agree.
                try await Projector(tenant: TenantDirectory(tenant.path)).run()
                let database = try DatabaseQueue(path: TenantDirectory(tenant.path).projectionPath)
                let synced = try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sales_orders WHERE sync_state = 'synced'") }
                #expect((synced ?? 0) >= outcome.salesOrders.count - 3)  // less the cancelled two and the deleted one
                let failed = try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM commands WHERE status IN ('failed', 'abandoned')") }
                #expect(failed == 0)
                let metrcRows = try await database.read {
                    try Int.fetchOne($0, sql: "SELECT count(*) FROM metrc_sales_orders WHERE template_id IS NOT NULL AND transfer_id = ?", arguments: [outcome.metrcTransfer])
                }
                #expect(metrcRows == 1)
            }
        }
    }

    /// `http://127.0.0.1:P/api/v2/` → `http://127.0.0.1:P/`.
    static func root(_ base: String, _ apiPath: String) -> String {
        base.hasSuffix(apiPath) ? String(base.dropLast(apiPath.count)) : base
    }
}
