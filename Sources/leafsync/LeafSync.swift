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

            A tenant directory (--dir) holds log/ and projections.sqlite. Start with:
              leafsync log --help        inspect, verify and repair a log directory
              leafsync fetch --help      fetch changed LeafLink and Distru records into the log
              leafsync dispatch --help   send the decided commands to LeafLink and Distru
              leafsync retry --help      send a failed command again
              leafsync project --help    build and follow the SQLite projections
              leafsync replay --help     rebuild the state at a point and explain a decision
              leafsync audit --help      query history, orders, errors, commands, events, SQL
              leafsync what-if --help    the commands a settings change would add, change or drop
            """,
        subcommands: [
            LogCommand.self, FetchCommand.self, DispatchCommand.self, RetryCommand.self, ProjectCommand.self, ReplayCommand.self, AuditCommand.self,
            WhatIfCommand.self, DemoCommand.self,
        ]
    )
}
