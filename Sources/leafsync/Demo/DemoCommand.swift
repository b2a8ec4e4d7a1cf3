import ArgumentParser
import Foundation
import LeafSyncDemo
import LeafSyncLog
import LeafSyncService
import Logging
import ServiceLifecycle
import UnixSignals

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole sync against local simulators of LeafLink and Distru: no account, no network.",
        discussion: """
            Starts the LeafLink and Distru simulators on free loopback ports (seeded from data/demo), \
            runs the service against them with one-second cycles and signed webhooks, and plays a \
            story through every part of the integration guide: reps mapped (one left unmapped), \
            products linked from suggestions and one created in LeafLink, inventory in the three \
            modes, prices both ways in multiples, orders with tax, discount, shipping, a credit, a \
            negative line and duplicate lines, orders blocked then unblocked, a combined order and a \
            medical/recreational split, LeafLink edits applied and refused, statuses both ways, a \
            payment and its deletion, an SO deleted with rejection, and sync-error e-mails. Each step \
            waits until LeafSync has changed the other side, read back through the public APIs.

            It takes about a minute. It leaves DIR with the log, the projections and the outbox, \
            ready for `leafsync audit`, `replay` and `what-if` (it prints examples), and the \
            simulators' output in DIR/simulators.
            """
    )

    @Option(name: .customLong("dir"), help: "The tenant directory to create (default: a new temporary directory).", completion: .directory)
    var directory: String?

    @Option(help: "The seed directory holding leaflink/ and distru/ (default: data/demo of this checkout).", completion: .directory)
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

        say("== starting the LeafLink and Distru simulators (seed: \(seed))")
        let leafLink = try await SimulatorProcess.start(
            "leaflink", seed: seed + "/leaflink", log: simulatorOutput.appendingPathComponent("leaflink.log"), apiPath: "/api/v2/")
        let distru: SimulatorProcess
        do {
            distru = try await SimulatorProcess.start(
                "distru", seed: seed + "/distru", log: simulatorOutput.appendingPathComponent("distru.log"), apiPath: "/public/v1/")
        } catch {
            await leafLink.stop()
            throw error
        }
        say("   LeafLink: \(leafLink.apiURL)   Distru: \(distru.apiURL)")
        do {
            try await play(directory: directory, leafLink: leafLink, distru: distru)
        } catch {
            await leafLink.stop()
            await distru.stop()
            throw error
        }
        await leafLink.stop()
        await distru.stop()
    }

    func play(directory: String, leafLink: SimulatorProcess, distru: SimulatorProcess) async throws {
        let token = Self.randomKey(), leafLinkWebhookKey = Self.randomKey(), distruWebhookSecret = Self.randomKey()
        let environment = [
            "LEAFSYNC_LEAFLINK_BASE_URL": leafLink.apiURL, "LEAFSYNC_LEAFLINK_API_KEY": "sim-leaflink-key",
            "LEAFSYNC_LEAFLINK_WEBHOOK_KEY": leafLinkWebhookKey, "LEAFSYNC_DISTRU_BASE_URL": distru.apiURL,
            "LEAFSYNC_DISTRU_API_KEY": "sim-distru-key", "LEAFSYNC_DISTRU_WEBHOOK_SECRET": distruWebhookSecret,
            "LEAFSYNC_ADMIN_TOKEN": token, "LEAFSYNC_HTTP_PORT": "0", "LEAFSYNC_SCHEDULER_TICK_SECONDS": "1",
        ]
        let configuration = try ServiceConfiguration.load(directory: directory, file: nil, environment: environment)
        let engine = try Engine(try Engine.Parts(configuration))
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = engine.application(
            host: configuration.httpHost, port: 0, extend: { router in AdminAPI.addRoutes(to: router, desk: engine.desk, token: token) },
            onRunning: { port in portContinuation.yield(port) })
        var logger = Logger(label: "leafsync.demo")
        logger.logLevel = .warning
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: engine.services.map { .init(service: $0) } + [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        let started = ContinuousClock.now
        let result: Result<(DemoStory.Outcome, DemoSummary), any Error> = await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try? await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return .failure(DemoCommandError("the service did not start")) }
            say("== LeafSync runs on http://\(configuration.httpHost):\(port)/ (tenant \(directory))")
            let session = DemoSession(
                endpoints: DemoEndpoints(
                    leafLink: leafLink.root, distru: distru.root, service: "http://\(configuration.httpHost):\(port)/", adminToken: token,
                    leafLinkAPIKey: "sim-leaflink-key", distruAPIKey: "sim-distru-key", leafLinkWebhookKey: leafLinkWebhookKey,
                    distruWebhookSecret: distruWebhookSecret, outbox: directory + "/outbox"),
                patience: .seconds(patience), report: Self.print)
            let result: Result<(DemoStory.Outcome, DemoSummary), any Error>
            do {
                let outcome = try await DemoStory(session: session).run()
                result = .success((outcome, try await DemoSummary.read(session, outcome)))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            await tasks.waitForAll()
            return result
        }
        await engine.close()
        let (outcome, summary) = try result.get()
        let elapsed = started.duration(to: .now)
        say("\n== done in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))); the log holds \(engine.writer.lastSequence) events")
        say("LeafLink simulator:")
        for line in summary.leafLink { say("  \(line)") }
        say("Distru simulator:")
        for line in summary.distru { say("  \(line)") }
        say("LeafSync: \(outcome.salesOrders.count) orders followed to their SOs, \(outcome.emails) sync-error e-mails in \(directory)/outbox")
        say(
            """

            Look around (the tenant is \(directory)):
              leafsync orders list --dir \(directory)
              leafsync orders show \(DemoSeedNames.blockedOrder) --dir \(directory)          # why it still waits
              leafsync replay --dir \(directory) --subject \(outcome.richOrder ?? DemoSeedNames.blockedOrder) --explain
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

    static func randomKey() -> String { (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined() }

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

/// Order short ids the printed examples name.
enum DemoSeedNames {
    static let blockedOrder = "0ed90475"
}
