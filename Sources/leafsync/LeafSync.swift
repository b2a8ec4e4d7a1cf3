import ArgumentParser

/// `leafsync`: the LeafSync command-line tool.
@main
struct LeafSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leafsync",
        abstract: "Keeps LeafLink and Distru in sync, from an append-only event log.",
        discussion: """
        Every fact LeafSync learns (a fetched LeafLink order, a Distru inventory row, an operator \
        action, the outcome of a push) is appended to a tenant's event log first; everything else \
        is derived from that log.

        Start with `leafsync log --help` to inspect, verify and repair a log directory.
        """,
        subcommands: [LogCommand.self]
    )
}
