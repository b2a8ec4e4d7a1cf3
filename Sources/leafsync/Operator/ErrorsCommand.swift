import ArgumentParser
import LeafSyncJSON
import LeafSyncService

struct ErrorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "Sync errors: what failed, the rule, and how to fix it (R-ERR).",
        discussion: """
            Most errors resolve by themselves once their cause is fixed; a failed command's error \
            resolves when the command is retried and succeeds.
            Examples:
              leafsync errors list --dir D
              leafsync errors resolve "ll-order:…|R-ORD-01|create-so:…" --dir D
            """,
        subcommands: [List.self, Resolve.self]
    )

    @OptionGroup var tenant: TenantOption

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The open sync errors (all of them with --all).", discussion: "Example: leafsync errors list --dir D --json")
        @OptionGroup var options: OperatorOptions
        @Flag(help: "Resolved errors too.") var all = false
        func run() async throws { try await options.query(.get("/admin/v1/errors", ["all": all ? "true" : nil])) { try await $0.errors(open: !all) } }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve an error by retrying its failed command (other errors say what fixes them).",
            discussion: "Example: leafsync errors resolve ID --dir D   (ids: leafsync errors list)")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The error's id.") var id: String
        func run() async throws { try await options.act(.post("/admin/v1/errors/resolve", ["id": .string(id)])) { try await $0.resolveError(id) } }
    }
}
