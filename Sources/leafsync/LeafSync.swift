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

            A tenant directory (--dir) holds log/, projections.sqlite and leafsync.yaml. Start with:
              leafsync init --help       create a tenant directory and its configuration
              leafsync run --help        the service: fetch, decide, send, project, serve webhooks and the admin API
              leafsync log --help        inspect, verify and repair a log directory
              leafsync fetch --help      fetch changed LeafLink and Distru records into the log
              leafsync dispatch --help   send the decided commands to LeafLink and Distru
              leafsync retry --help      send a failed command again
              leafsync project --help    build and follow the SQLite projections
              leafsync replay --help     rebuild the state at a point and explain a decision
              leafsync audit --help      query history, orders, errors, commands, events, SQL
            Operator commands (the service must be stopped: they hold the log's writer lock):
              leafsync settings --help   show and change the sync settings
              leafsync users --help      map LeafLink reps to Distru users
              leafsync products --help   link products, accept suggestions, create in LeafLink
              leafsync customers --help  associate LeafLink customers with Distru companies
              leafsync orders --help     list and show orders, delete an SO
              leafsync metrc --help      a Metrc template from an SO, a transfer matched by hand
              leafsync errors --help     list and resolve sync errors
              leafsync what-if --help    the commands a settings change would add, change or drop
            The tenant directory is --dir DIR anywhere on the command line, or LEAFSYNC_DIR.
            """,
        subcommands: [
            InitCommand.self, RunCommand.self, LogCommand.self, FetchCommand.self, DispatchCommand.self, RetryCommand.self, ProjectCommand.self,
            ReplayCommand.self, AuditCommand.self, WhatIfCommand.self, DemoCommand.self, SettingsCommand.self, UsersCommand.self, ProductsCommand.self,
            CustomersCommand.self, OrdersCommand.self, MetrcCommand.self, ErrorsCommand.self,
        ]
    )
}
