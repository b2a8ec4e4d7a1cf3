import ArgumentParser
import Foundation
import LeafSyncDemo
import LeafSyncService
import Logging

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole sync against local simulators of LeafLink, Distru and Metrc: no account, no network.",
        discussion: """
            Starts the LeafLink, Distru and Metrc simulators on free loopback ports (seeded from data/demo), \
            runs the service against them with one-second cycles and signed webhooks, and plays a \
            story through every part of the integration guide: reps mapped (one left unmapped), \
            products linked from suggestions and one created in LeafLink, inventory in the three \
            modes, prices both ways in multiples, orders with tax, discount, shipping, a credit, a \
            negative line and duplicate lines, orders blocked then unblocked, a combined order and a \
            medical/recreational split, LeafLink edits applied and refused, statuses both ways, a \
            payment and its deletion, an SO deleted with rejection, an SO completed by a Metrc transfer \
            made from its template, and sync-error e-mails. Each step \
            waits until LeafSync has changed the other side, read back through the public APIs.

            While it plays, the operator console is at the service's /console/ (printed at the \
            start); set LEAFSYNC_ADMIN_TOKEN to sign in to it. It takes about a minute. It leaves DIR with the log, the projections and the outbox, \
            ready for `leafsync audit`, `replay` and `what-if` (it prints examples), and the \
            simulators' output in DIR/simulators.
            """
    )

    @Option(name: .customLong("dir"), help: "The tenant directory to create (default: a new temporary directory).", completion: .directory)
    var directory: String?

    @Option(help: "The seed directory holding leaflink/, distru/ and metrc/ (default: data/demo of this checkout).", completion: .directory)
    var seed: String?

    @Option(help: "Seconds to wait for each thing LeafSync should do before giving up.")
    var patience: Int = 30

    func run() async throws {
        let directory = try self.directory ?? Self.temporaryDirectory()
        let tenant = URL(fileURLWithPath: directory)
        if FileManager.default.fileExists(atPath: tenant.appendingPathComponent("log").path) {
            throw ValidationError("\(directory) already has a log; the demo starts from an empty tenant: give a new --dir, or remove \(directory)")
        }
        let seed = try self.seed ?? Self.demoSeed()
        let simulatorOutput = tenant.appendingPathComponent("simulators")
        try FileManager.default.createDirectory(at: simulatorOutput, withIntermediateDirectories: true)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }

        say("== starting the LeafLink, Distru and Metrc simulators (seed: \(seed))")
        var started: [SimulatorProcess] = []
        func stopAll() async { for simulator in started { await simulator.stop() } }
        do {
            for (system, apiPath) in [("leaflink", "/api/v2/"), ("distru", "/public/v1/"), ("metrc", "/")] {
                started.append(
                    try await SimulatorProcess.start(
                        system, seed: seed + "/" + system, log: simulatorOutput.appendingPathComponent("\(system).log"), apiPath: apiPath))
            }
        } catch {
            await stopAll()
            throw error
        }
        let (leafLink, distru, metrc) = (started[0], started[1], started[2])
        say("   LeafLink: \(leafLink.apiURL)   Distru: \(distru.apiURL)   Metrc: \(metrc.apiURL)")
        do {
            try await play(directory: directory, leafLink: leafLink, distru: distru, metrc: metrc)
        } catch {
            await stopAll()
            throw error
        }
        await stopAll()
    }

    func play(directory: String, leafLink: SimulatorProcess, distru: SimulatorProcess, metrc: SimulatorProcess) async throws {
        let started = ContinuousClock.now
        let adminToken = ProcessInfo.processInfo.environment["LEAFSYNC_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let run = try await DemoRun.play(
            directory: directory, leafLinkRoot: leafLink.root, distruRoot: distru.root, metrcRoot: metrc.root,
            leafLinkAPIKey: "sim-leaflink-key", distruAPIKey: "sim-distru-key", metrcVendorKey: "sim-metrc-vendor-key",
            metrcUserKey: "sim-metrc-user-key", adminToken: adminToken, patience: .seconds(patience),
            onService: { url in
                say("== LeafSync runs on \(url) (tenant \(directory))")
                say(
                    "   console: \(url)console/ "
                        + (adminToken == nil
                            ? "(to sign in while the demo runs, set LEAFSYNC_ADMIN_TOKEN before `leafsync demo`)"
                            : "(sign in with LEAFSYNC_ADMIN_TOKEN)"))
            }, report: Self.print)
        let elapsed = started.duration(to: .now)
        say("\n== done in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))); the log holds \(run.lastSequence) events")
        say("LeafLink simulator:")
        for line in run.summary.leafLink { say("  \(line)") }
        say("Distru simulator:")
        for line in run.summary.distru { say("  \(line)") }
        say("LeafSync: \(run.outcome.salesOrders.count) orders followed to their SOs, \(run.outcome.emails) sync-error e-mails in \(directory)/outbox")
        if let order = run.outcome.metrcOrder, let transfer = run.outcome.metrcTransfer {
            say("Metrc: transfer \(transfer), made from the template of order \(order.suffix(8))'s SO, completed it on both sides")
        }
        say(
            """

            Look around (the tenant is \(directory)):
              leafsync orders list --dir \(directory)
              leafsync orders show 0ed90475 --dir \(directory)          # why it still waits
              leafsync replay --dir \(directory) --subject \(run.outcome.richOrder ?? "0ed90475") --explain
              leafsync audit commands --dir \(directory)                  # every push and what came of it
              leafsync audit errors --dir \(directory)
              leafsync what-if --dir \(directory) settings set syncPrices=false
            """)
    }

    static func print(_ progress: DemoProgress) {
        switch progress {
        case .chapter(let number, let title, let guide): say("\n[\(number)] \(title)  (\(guide))")
        case .action(let text): say("    · \(text)")
        case .observed(let text, let ms): say("    ✓ \(text)  [\(ms) ms]")
        }
    }

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("leafsync-demo-\(UInt32.random(in: .min ... .max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// data/demo of the checkout: from the current directory, else above the executable (.build/…/leafsync).
    static func demoSeed() throws -> String {
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var up = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            up.deleteLastPathComponent()
            candidates.append(up)
        }
        for base in candidates {
            let seed = base.appendingPathComponent("data/demo")
            if FileManager.default.fileExists(atPath: seed.appendingPathComponent("leaflink").path) { return seed.path }
        }
        throw ValidationError("no data/demo found from here or above the leafsync executable; run it in the checkout or give --seed DIR")
    }
}
