import ArgumentParser
import LeafSyncJSON
import LeafSyncService

struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "LeafLink customers and the Distru companies they are associated with (R-CUS).",
        discussion: """
            Examples:
              leafsync customers list --dir D
              leafsync customers associate 148515 5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f --dir D
            """,
        subcommands: [List.self, Associate.self]
    )

    @OptionGroup var tenant: TenantOption

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each LeafLink customer with its Distru company.", discussion: "Example: leafsync customers list --dir D --json")
        @OptionGroup var options: OperatorOptions
        func run() async throws { try await options.query(.get("/admin/v1/customers")) { try await $0.customers() } }
    }

    struct Associate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set or correct a LeafLink customer's Distru company (R-CUS-05).",
            discussion: "Example: leafsync customers associate \"Good Vibrations Dispensary\" 5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The LeafLink customer (id or name).") var customer: String
        @Argument(help: "The Distru company (id or name).") var company: String
        func run() async throws { try await options.act(.post("/admin/v1/customers/associate", ["customer": .string(customer), "company": .string(company)])) {
            try await $0.associate(customer: customer, company: company)
        } }
    }
}
