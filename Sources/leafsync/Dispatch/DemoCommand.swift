import ArgumentParser
import DistruAPI
import Foundation
import LeafSyncDomain
import LeafSyncLog
import LeafSyncProjections

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record the operator steps the demo data needs (run by Tools/demo).",
        discussion: """
            The simulators' demo seed (data/demo) has a LeafLink rep no Distru user matches by e-mail \
            and a LeafLink product no Distru product is linked to, so its orders wait. This records \
            what an operator would do about it, as operator events in the tenant's log: rep 501 \
            mapped to the Distru admin, LeafLink products 2093 and 2095 linked to Distru chocolate bars, the \
            warehouse as the default SO location, payment sync on, an error recipient, and polls and \
            push cycles every second (so each `dispatch --once` of the demo sees what changed). Run it \
            once, then `leafsync dispatch`.
            """
    )

    @OptionGroup var tenant: TenantOption

    @Flag(help: "Record nothing: print the id of the Distru SO the demo order becomes.")
    var printSalesOrderID = false

    /// LeafLink order a6a3a450 of the demo seed, the one these steps unblock.
    static let order = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"

    static let steps: [OperatorAction] = [
        .mapRep(distruUserID: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", leafLinkStaffID: 501),
        .linkProduct(distruProductID: "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04", leafLinkProductID: 2093),
        // Distru's record links the milk bar to LeafLink 2094 (imported at the first fetch); the demo
        // order needs 2095, and a link is locked (R-PRD-02): unlink first.
        .unlinkProduct(distruProductID: "07ae9b25-3a95-5bb7-9c12-6283c5da8e55"),
        .linkProduct(distruProductID: "07ae9b25-3a95-5bb7-9c12-6283c5da8e55", leafLinkProductID: 2095),
        .changeSettings(
            SettingsChange(
                defaultSalesOrderLocationID: "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", syncPayments: true,
                errorRecipients: ["ops@highlandharvest.example"], orderPollSeconds: 1, productPollSeconds: 1, inventoryPushSeconds: 1)),
    ]

    func run() async throws {
        if printSalesOrderID {
            print(DeterministicID.salesOrder(forLeafLinkOrder: Self.order))
            return
        }
        let writer = try EventLogWriter(directory: tenant.tenant.logPath, options: EventLogOptions(durability: .group))
        let range: ClosedRange<UInt64>
        do {
            range = try await writer.append(try Self.steps.map { try EventFactory.operatorAction($0) })
        } catch {
            await writer.close()
            throw error
        }
        await writer.close()
        print("recorded \(Self.steps.count) operator steps at log sequences \(range.lowerBound)…\(range.upperBound):")
        print("  rep 501 (Maria Lopez) → Distru user Jane (admin); LeafLink products 2093, 2095 ↔ Distru SWI-BAR-DAR-100, SWI-BAR-MIL-100;")
        print("  default SO location: the warehouse; payment sync on; errors also to ops@highlandharvest.example;")
        print("  polls and push cycles every second")
        print("LeafLink order \(Self.order) becomes Distru SO \(DeterministicID.salesOrder(forLeafLinkOrder: Self.order))")
    }
}
