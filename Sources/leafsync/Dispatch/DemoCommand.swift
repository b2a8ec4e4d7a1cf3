import ArgumentParser
import DistruAPI
import Foundation
import LeafSyncDomain
import LeafSyncLog
import LeafSyncProjections
import LeafSyncService

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

    static var order: String { DemoScenario.order }
    static var steps: [OperatorAction] { DemoScenario.steps }

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
