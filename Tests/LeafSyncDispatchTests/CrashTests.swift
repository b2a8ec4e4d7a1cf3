import BenchmarkWorkload
import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncTestSupport
import NIOHTTP1
import Testing

@Suite("Dispatch survives SIGKILL: exactly once in effect")
struct CrashTests {
    static let product = "57f52a74-a9ab-52df-b09f-e4242c15027c"  // PEK-PR-BD-1, not on LeafLink yet

    @Test("R-ENG-03, R-ORD-15: 50 SIGKILLs of `leafsync dispatch` at random moments leave one SO per LL order, one product per creation, one payment per Distru payment, and every command succeeded")
    func killedFiftyTimes() async throws {
        try await withSimulator { ll in
            try await withDistru { distru in
                let tenant = TemporaryDirectory("crash")
                let log = tenant.sub("log")
                let writer = try EventLogWriter(directory: log)
                _ = try await writer.append(
                    try (Demo.setup + [
                        // Each run of `dispatch --once` polls and pushes: the intervals go down to a second.
                        .changeSettings(
                            SettingsChange(
                                syncPayments: true, errorRecipients: ["ops@seller.example"], orderPollSeconds: 1, productPollSeconds: 1,
                                inventoryPushSeconds: 1)),
                        .createLeafLinkProduct(
                            LeafLinkProductRequest(
                                distruProductID: Self.product, name: "Peak Pre-Roll Blue Dream", sku: "PEK-PR-BD-1",
                                licenseID: 2619, brandID: 50, categoryID: 7, subcategoryID: 14, wholesalePrice: Money(Decimal(string: "6.50")!))),
                    ]).map { try EventFactory.operatorAction($0) })
                await writer.close()

                let environment = [
                    "LEAFSYNC_LEAFLINK_BASE_URL": ll.baseURL, "LEAFSYNC_LEAFLINK_API_KEY": LeafLinkSimulator.defaultAPIKey,
                    "LEAFSYNC_DISTRU_BASE_URL": distru.baseURL, "LEAFSYNC_DISTRU_API_KEY": DistruSimulator.defaultAPIKey,
                ]
                let leafsync = Products.executable("leafsync")
                let seed = UInt64(ProcessInfo.processInfo.environment["LEAFSYNC_CRASH_SEED"] ?? "") ?? 20261203
                var random = SplitMix64(seed: seed)
                let soID = DeterministicID.salesOrder(forLeafLinkOrder: Demo.order)
                let distruClient = client(for: distru)
                var invoice: String?
                var payment: String?
                var (completed, reversed) = (false, false)
                /// What a person does in Distru meanwhile, once the SO exists: an invoice paid at
                /// once; from round 20 the SO completed; from round 30 the payment deleted.
                func personActs(round: Int) async throws {
                    guard (try? await distruClient.order(id: soID)) != nil else { return }
                    if invoice == nil {
                        let made = try await control(distru, .POST, "/_sim/invoices", ["order_id": .string(soID), "total": "100.00"])
                        invoice = made["id"]?.stringValue
                        let paid = try await control(
                            distru, .POST, "/_sim/invoices/\(invoice!)/payments",
                            ["amount": "40.00", "payment_datetime": .string(ISO8601Text.format(microseconds: Timestamp.now().microseconds))])
                        payment = paid["payments"]?.arrayValue?.last?["id"]?.stringValue
                    } else if round >= 30, !reversed, let invoice, let payment {
                        try await control(distru, .DELETE, "/_sim/invoices/\(invoice)/payments/\(payment)")
                        reversed = true
                    }
                    if round >= 20, !completed {
                        try await completeInDistru(distru, soID)
                        completed = true
                    }
                }
                for round in 1...50 {
                    try await personActs(round: round)
                    let child = try ChildProcess(leafsync, ["dispatch", "--dir", tenant.path, "--once"], environment: environment)
                    try await Task.sleep(for: .milliseconds(Int(random.next() % 600)))  // the random moment of the kill
                    child.kill()
                }
                // Restarted without interruption until the scenario's end is reached: the LL order
                // Complete (the SO completed in Distru was polled and the transitions sent) and
                // nothing left pending (a run less than a poll interval after the last polls nothing).
                let llClient = client(for: ll)
                var finished = false
                for _ in 0..<30 where !finished {
                    try await personActs(round: 50)  // under load the SO may have come late
                    let run = try await offThread {
                        try runCommand(leafsync, ["dispatch", "--dir", tenant.path, "--once"], environment: environment, timeout: 120)
                    }
                    #expect(run.status == 0, "\(run.stderr)")
                    var state = SyncState()
                    for event in try EventLogReader(directory: log).readAll() { _ = reduce(into: &state, recorded: event) }
                    let status = try await llClient.order(number: Demo.order).value.status
                    // …and the deleted payment's reversal decided (its deletion polled) and sent.
                    finished =
                        completed && reversed && status == .complete && state.syncedPayments.values.allSatisfy(\.reversed)
                        && !state.syncedPayments.isEmpty && state.commands.pending.values.allSatisfy { $0.action.name == "sendErrorEmail" }
                }
                #expect(finished)

                // Exactly one SO for the LL order, one product for the creation, one payment and
                // one reversal for the one Distru payment.
                let orders = try await distruClient.orders().filter { $0.value.leaflinkOrderNumber == Demo.order }
                #expect(orders.count == 1)
                let products = try await llClient.listAll(LeafLinkResource.products).filter { (try? $0.text("sku")) == "PEK-PR-BD-1" }
                #expect(products.count == 1)
                let payments = try await llClient.orderPayments(order: Demo.order)
                #expect(payments.count == 2, "\(payments.map(\.value))")
                let order = try await llClient.order(number: Demo.order).value
                #expect(order.status == .complete)

                // The log verifies, and every command the reducer emitted succeeded.
                let verify = try await offThread { try runCommand(leafsync, ["log", "verify", log]) }
                #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
                var state = SyncState()
                for event in try EventLogReader(directory: log).readAll() { _ = reduce(into: &state, recorded: event) }
                #expect(state.commands.pending.values.filter { $0.action.name != "sendErrorEmail" }.map(\.key) == [])
                #expect(state.commands.abandoned.isEmpty)
            }
        }
    }
}
