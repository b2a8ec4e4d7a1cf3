import ArgumentParser
import Foundation
import LeafSyncProjections
import Logging
import ServiceLifecycle
import UnixSignals

struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Bring the SQLite projections up to date with the log (and keep them so with --follow).",
        discussion: """
            Applies the tenant's event log to DIR/projections.sqlite: the audit index, linked products, \
            suggestions, reps, customer associations, sales orders, commands (pending pushes) and sync \
            errors. Each batch commits with its checkpoint, so a crash or Ctrl-C loses nothing and \
            applies nothing twice. With --follow it keeps running as a background process, waiting \
            for the writer (another process) to append. --rebuild builds a fresh database from the \
            whole log beside the live one and swaps it in atomically; a projection schema change does \
            that by itself.

            Examples:
              leafsync project --dir data/tenants/acme
              leafsync project --dir data/tenants/acme --follow &
              leafsync project --dir data/tenants/acme --rebuild
            """
    )

    @OptionGroup var tenant: TenantOption

    @Flag(help: "Keep following the log until interrupted (SIGINT/SIGTERM stop it cleanly).")
    var follow = false

    @Flag(help: "Rebuild the projections from the whole log, then swap them in.")
    var rebuild = false

    @Option(help: "Events per transaction.")
    var batchSize = 2_000

    func run() async throws {
        let projector = Projector(tenant: tenant.tenant, batchSize: max(1, batchSize))
        let display = ProgressDisplay()
        let service = ProjectorService(projector: projector, follow: follow, rebuild: rebuild, display: display)
        // SIGTERM and SIGINT shut the group down gracefully: the projector finishes its batch,
        // commits its checkpoint, and the command exits 0.
        // The projector returning (caught up, or stopped) ends the group.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "leafsync.project", factory: { _ in SwiftLogNoOpLogHandler() })))
        do {
            try await group.run()
        } catch {
            _ = try service.outcome()  // the projector's own error says more than the group's
            throw error
        }
        guard let outcome = try service.outcome() else { throw CancellationError() }
        display.finish()
        print("projections at sequence \(outcome.committed)\(outcome.stopped ? " (stopped; checkpoint saved)" : "")")
    }
}
