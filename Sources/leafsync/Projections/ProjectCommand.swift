import ArgumentParser
import Foundation
import LeafSyncProjections

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
        let follow = self.follow, rebuild = self.rebuild
        let task = Task { try await projector.run(follow: follow, rebuild: rebuild) { display.show($0) } }
        let signals = SignalTrap([SIGINT, SIGTERM]) { task.cancel() }
        defer { withExtendedLifetime(signals) {} }
        let committed = try await task.value
        display.finish()
        print("projections at sequence \(committed)\(task.isCancelled ? " (stopped; checkpoint saved)" : "")")
    }
}

/// Runs `handler` on the first of `signals` and ignores their default action meanwhile.
final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(_ signals: [Int32], handler: @escaping @Sendable () -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}

/// Progress on standard error: a bar with events/s and ETA on a terminal, plain lines otherwise.
final class ProgressDisplay: @unchecked Sendable {
    private let isTerminal = isatty(2) == 1
    private var lastPlainLine = Date.distantPast
    private var drewBar = false

    func show(_ progress: ProjectorProgress) {
        let done = progress.committed, total = max(progress.target, progress.committed)
        let rate = progress.eventsPerSecond
        let remaining = total > done && rate > 0 ? Double(total - done) / rate : 0
        let what = progress.rebuilding ? "rebuilding" : "projecting"
        if isTerminal {
            let fraction = total > 0 ? Double(done) / Double(total) : 1
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = String(format: "\r%@ [%@] %3.0f%% %llu/%llu events  %.0f events/s  ETA %.0fs ",
                              what, bar, fraction * 100, done, total, rate, remaining)
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        } else if Date().timeIntervalSince(lastPlainLine) >= 2 || done == total {
            lastPlainLine = Date()
            let line = String(format: "%@: %llu/%llu events, %.0f events/s, ETA %.0fs\n", what, done, total, rate, remaining)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        if drewBar { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
