import ArgumentParser
import LeafSyncService
import LeafSyncJSON

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "LeafLink orders and their Distru SOs: list, show one, delete an SO (R-UPD-04).",
        discussion: """
            Examples:
              leafsync orders list --dir D
              leafsync orders show a6a3a450 --dir D
              leafsync orders delete SO-000123 --reject --dir D
            """,
        subcommands: [List.self, Show.self, Delete.self]
    )

    @OptionGroup var tenant: TenantOption

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each LeafLink order with its sync state, SO and what blocks it.", discussion: "Example: leafsync orders list --dir D")
        @OptionGroup var options: OperatorOptions
        func run() async throws { try await options.query(.get("/admin/v1/orders")) { try await $0.orders() } }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One order: its sync, the engine's decisions (with rule ids) and its open errors.",
            discussion: "Example: leafsync orders show a6a3a450 --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The LeafLink order number or short id.") var order: String
        func run() async throws {
            let json = options.json
            print(
                try await options.run(
                    .get("/admin/v1/orders/\(order)"), local: { json ? JSONWriter.compact(try await $0.order(order).json) : try await $0.order(order).text },
                    remote: { JSONWriter.compact($0) }))
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a synced Distru SO, and reject its LeafLink order (--reject) or keep it (--keep).",
            discussion: "Example: leafsync orders delete SO-000123 --keep --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The SO (id or number), or the LeafLink order it was made from.") var salesOrder: String
        @Flag(help: "Reject the LeafLink order too.") var reject = false
        @Flag(help: "Keep the LeafLink order (an edit in LeafLink syncs a new SO).") var keep = false
        func validate() throws {
            if reject == keep { throw ValidationError("give --reject or --keep (one of them)") }
        }
        func run() async throws { try await options.act(.post("/admin/v1/sales-orders/delete", ["salesOrder": .string(salesOrder), "reject": .bool(reject)])) {
            try await $0.deleteSalesOrder(salesOrder, reject: reject)
        } }
    }
}
