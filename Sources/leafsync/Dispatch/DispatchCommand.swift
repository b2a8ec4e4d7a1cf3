import ArgumentParser
import Foundation
import HTTPClientSupport
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncIngest
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import Logging
import ServiceLifecycle
import UnixSignals

struct DispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Send the commands the engine decided on to LeafLink and Distru, and record what came of them.",
        discussion: """
            Reads the tenant's log, finds the commands that are ready (pending, their dependency \
            done, their retry due) and sends each through the remote's API, appending its outcome \
            to the log. Ticks of the scheduler (polls, the inventory and product push cycle, \
            retries) are appended as time passes. A command whose success is in the log is never \
            sent again; one cut off by a crash is sent again and found already done.

            The remotes come from DIR/leafsync.yaml (or --config), LEAFSYNC_* variables and the URL \
            options; API keys from the environment (LEAFSYNC_LEAFLINK_API_KEY, \
            LEAFSYNC_DISTRU_API_KEY) or the secrets file only. A remote not configured is skipped (its commands stay \
            pending). The dispatcher writes the log, so stop the service or a fetch first.

            Examples:
              leafsync dispatch --dir D --once --dry-run      what would be sent now, request by request
              leafsync dispatch --dir D --once                send what is ready now, then exit
              leafsync dispatch --dir D                       keep dispatching until Ctrl-C or SIGTERM
            """
    )

    @OptionGroup var tenant: TenantOption
    @OptionGroup var remotes: RemoteOptions
    @OptionGroup var mail: MailOptions

    @Flag(help: "Tick once, send everything ready and what it leads to, then exit.")
    var once = false

    @Flag(help: "Send nothing: print each ready command with the exact HTTP request it would send (keys masked). Reads are made.")
    var dryRun = false

    @Option(help: "Seconds between scheduler ticks (polls, push cycles and retries are due by the tenant's settings).")
    var tickSeconds: Int = 10

    @Option(help: "Commands in flight at once.")
    var maxConcurrent: Int = 4

    func validate() throws {
        guard tickSeconds > 0 else { throw ValidationError("--tick-seconds must be at least 1") }
        guard maxConcurrent > 0 else { throw ValidationError("--max-concurrent must be at least 1") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logPath = tenant.tenant.logPath
        let writer = try EventLogWriter(directory: logPath, options: EventLogOptions(durability: .group))
        if let recovery = writer.recovery { printError("note: \(recovery)") }
        do {
            try await dispatch(writer: writer, logPath: logPath, environment: environment)
        } catch {
            await writer.close()
            throw error
        }
        await writer.close()
    }

    private func dispatch(writer: EventLogWriter, logPath: String, environment: [String: String]) async throws {
        var options = Dispatcher.Options()
        options.maxConcurrent = maxConcurrent
        options.tickEvery = .seconds(tickSeconds)
        let time = EngineClock(ContinuousClock())
        if dryRun {
            let transport = DryRunTransport()
            let clients = try remotes.remotes(directory: tenant.directory, environment: environment, transport: transport, retry: RetryPolicy(maxAttempts: 1, baseDelay: .zero))
            let dispatcher = try Dispatcher(
                writer: writer, directory: logPath, executor: CommandExecutor(leafLink: clients.leafLink, distru: clients.distru, metrc: clients.metrc),
                time: time, options: options)
            let previews = try await dispatcher.preview(recording: transport)
            print(Self.render(previews, waiting: await dispatcher.state.commands.pending.count - previews.count))
            return
        }
        let clients = try remotes.remotes(directory: tenant.directory, environment: environment)
        let store = EventLogStore(writer: writer, directory: URL(fileURLWithPath: logPath))
        let fetches = FetchRouter(
            leafLink: clients.leafLink.map { LeafLinkFetcher(client: $0, store: store) },
            distru: clients.distru.map { DistruFetcher(client: $0, store: store) },
            metrc: clients.metrc.map { MetrcFetcher(client: $0.client, store: store) })
        let executor = CommandExecutor(
            leafLink: clients.leafLink, distru: clients.distru, metrc: clients.metrc, fetches: fetches,
            mail: try mail.mailer(try remotes.configuration(directory: tenant.directory, environment: environment)))
        let dispatcher = try Dispatcher(writer: writer, directory: logPath, executor: executor, time: time, options: options)
        if once {
            try await dispatcher.tick()
            let report = try await dispatcher.runOnce()
            print(Self.render(report))
            return
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: dispatcher)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "leafsync.dispatch", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
        print("dispatcher stopped at log sequence \(writer.lastSequence)")
    }

    static func render(_ report: Dispatcher.Report) -> String {
        var lines = ["\(report.succeeded.count) succeeded, \(report.failed.count) failed, \(report.skipped.count) skipped"]
        lines += report.failed.sorted { $0.key < $1.key }.map { "failed  \($0.key): \($0.value)" }
        lines += report.skipped.sorted { $0.key < $1.key }.map { "skipped \($0.key): \($0.value)" }
        return lines.joined(separator: "\n")
    }

    static func render(_ previews: [Dispatcher.Preview], waiting: Int) -> String {
        var out: [String] = []
        for p in previews {
            out.append("# \(p.command.key)  (\(p.command.action.name), \(p.command.rule))")
            if let note = p.note { out.append("  \(note)") }
            for r in p.requests { out.append(r.description.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")) }
            out.append("")
        }
        out.append("dry run: \(previews.count) ready, \(max(0, waiting)) waiting; nothing was sent")
        return out.joined(separator: "\n")
    }
}
