import ArgumentParser
import LeafSyncLog

/// `leafsync log …`: offline tools over one log directory.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Inspect, verify, append to, compact and repair an event log directory.",
        discussion: """
            A log directory holds segment files (`00000000000000000001.seg`, named by their first \
            sequence), sparse index files (`.idx`, rebuildable hints) and `writer.lock`. \
            These commands read the log without taking the writer's lock, except `append`, \
            `compact` and `repair`, which refuse to run while another process writes the log.

            Examples:
              leafsync log verify data/tenants/acme/log
              leafsync log stats data/tenants/acme/log --json
              leafsync log dump data/tenants/acme/log --from 1200 --limit 20
              leafsync log compact data/tenants/acme/log
              leafsync log repair data/tenants/acme/log --force
            """,
        subcommands: [VerifyCommand.self, StatsCommand.self, DumpCommand.self, AppendCommand.self, CompactCommand.self, RepairCommand.self]
    )
}

/// The log directory argument every `log` subcommand takes.
struct LogDirectoryArgument: ParsableArguments {
    @Argument(help: "The log directory (holds the .seg segment files).", completion: .directory)
    var directory: String
}
