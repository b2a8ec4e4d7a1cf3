import ArgumentParser
import LeafSyncJSON
import LeafSyncService

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "The tenant's sync settings (R-SET): show them, or change some.",
        discussion: """
            Examples:
              leafsync settings show --dir D
              leafsync settings set syncPrices=true orderPollSeconds=60 --dir D
              leafsync settings set errorRecipients=ops@brand.example,it@brand.example --dir D
              leafsync settings set statusMapping.Backorder=Pending --dir D
            """,
        subcommands: [Show.self, Set.self]
    )

    @OptionGroup var tenant: TenantOption

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every setting and its value.", discussion: "Example: leafsync settings show --dir D")
        @OptionGroup var options: OperatorOptions
        func run() async throws { try await options.query(.get("/admin/v1/settings")) { try await $0.settings() } }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change settings, effective from this event on.",
            discussion: """
                Keys: \(SettingKey.allCases.map(\.rawValue).joined(separator: ", ")), statusMapping.<LeafLink status>. \
                Lists are comma-separated.
                Example: leafsync settings set syncPayments=true --dir D
                """)
        @OptionGroup var options: OperatorOptions
        @Argument(help: "KEY=VALUE pairs.") var assignments: [String]
        func run() async throws {
            var pairs: [String: String] = [:]
            for assignment in assignments {
                guard let equals = assignment.firstIndex(of: "=") else { throw ValidationError("'\(assignment)' is not KEY=VALUE") }
                pairs[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            }
            try await options.act(.patch("/admin/v1/settings", pairs.mapValues(JSONValue.string))) { try await $0.setSettings(pairs) }
        }
    }
}
