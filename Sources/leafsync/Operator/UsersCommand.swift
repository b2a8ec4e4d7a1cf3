import ArgumentParser
import LeafSyncJSON
import LeafSyncService

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "LeafLink reps and the Distru users they are mapped to (R-USR-01).",
        discussion: """
            An order whose rep is not mapped to a Distru user waits. Ids or e-mails both work.
            Examples:
              leafsync users list --dir D
              leafsync users map jane@seller.example 501 --dir D
              leafsync users unmap jane@seller.example --dir D
            """,
        subcommands: [List.self, Map.self, Unmap.self]
    )

    @OptionGroup var tenant: TenantOption

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each LeafLink rep with its mapped Distru user and, while unmapped, the one with the same e-mail.",
            discussion: "Example: leafsync users list --dir D --json")
        @OptionGroup var options: OperatorOptions
        func run() async throws { try await options.query(.get("/admin/v1/users")) { try await $0.users() } }
    }

    struct Map: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Map a Distru user to a LeafLink rep (ids or e-mails; the two may come in either order).",
            discussion: "Example: leafsync users map jane@seller.example 501 --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The Distru user (id or e-mail).") var user: String
        @Argument(help: "The LeafLink rep (company-staff id or e-mail).") var rep: String
        func run() async throws {
            try await options.act(.post("/admin/v1/users/map", ["user": .string(user), "rep": .string(rep)])) { desk in
                do { return try await desk.mapUser(user, toRep: rep) } catch let error as OperatorError {
                    // Given the other way round? Validation records nothing, so trying is safe.
                    guard let swapped = try? await desk.mapUser(rep, toRep: user) else { throw error }
                    return swapped
                }
            }
        }
    }

    struct Unmap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo a mapping, naming the Distru user or the rep.", discussion: "Example: leafsync users unmap jane@seller.example --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The Distru user or the LeafLink rep (id or e-mail).") var user: String
        func run() async throws { try await options.act(.post("/admin/v1/users/unmap", ["user": .string(user)])) { try await $0.unmapUser(user) } }
    }
}
