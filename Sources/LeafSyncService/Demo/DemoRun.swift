import Foundation
public import LeafSyncDemo
import LeafSyncLog
import Logging
import ServiceLifecycle
import Synchronization

/// The demo's service side: runs the engine against three simulators already listening (their
/// roots given; Metrc's facility licence is ``DemoStory/metrcLicense``), with one-second cycles, signed webhooks, the admin API and the console on a free port, plays
/// the ``DemoStory`` against it, reads the ``DemoSummary`` and stops the engine gracefully.
/// `leafsync demo` starts the simulators as processes and calls this; the end-to-end test starts
/// them in process and calls the same.
public enum DemoRun {
    public struct Result: Sendable {
        public var outcome: DemoStory.Outcome
        public var summary: DemoSummary
        /// The last log sequence once the engine stopped.
        public var lastSequence: UInt64
        /// Where the service listened.
        public var serviceURL: String
    }

    /// Plays the story with the tenant in `directory` (empty: the engine creates its log).
    /// `adminToken` is the admin API's and the console's (`/console/`) token; by default a
    /// random one, made fresh for the run.
    public static func play(
        directory: String, leafLinkRoot: String, distruRoot: String, metrcRoot: String, leafLinkAPIKey: String, distruAPIKey: String,
        metrcVendorKey: String, metrcUserKey: String, adminToken: String? = nil, patience: Duration = .seconds(30),
        onService: @escaping @Sendable (String) -> Void = { _ in }, report: @escaping @Sendable (DemoProgress) -> Void
    ) async throws -> Result {
        let token = adminToken.flatMap { $0.isEmpty ? nil : $0 } ?? randomKey(), leafLinkWebhookKey = randomKey(),
            distruWebhookSecret = randomKey()
        let environment = [
            "LEAFSYNC_LEAFLINK_BASE_URL": leafLinkRoot + "api/v2/", "LEAFSYNC_LEAFLINK_API_KEY": leafLinkAPIKey,
            "LEAFSYNC_LEAFLINK_WEBHOOK_KEY": leafLinkWebhookKey, "LEAFSYNC_DISTRU_BASE_URL": distruRoot + "public/v1/",
            "LEAFSYNC_DISTRU_API_KEY": distruAPIKey, "LEAFSYNC_DISTRU_WEBHOOK_SECRET": distruWebhookSecret, "LEAFSYNC_ADMIN_TOKEN": token,
            "LEAFSYNC_METRC_BASE_URL": metrcRoot, "LEAFSYNC_METRC_VENDOR_KEY": metrcVendorKey, "LEAFSYNC_METRC_USER_KEY": metrcUserKey,
            "LEAFSYNC_METRC_LICENSE": DemoStory.metrcLicense, "LEAFSYNC_HTTP_PORT": "0", "LEAFSYNC_SCHEDULER_TICK_SECONDS": "1",
        ]
        let configuration = try ServiceConfiguration.load(directory: directory, file: nil, environment: environment)
        let engine = try Engine(try Engine.Parts(configuration))
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = engine.application(
            host: configuration.httpHost, port: 0,
            extend: { router in
                AdminAPI.addRoutes(to: router, desk: engine.desk, token: token)
                Console.addRoutes(to: router, engine: engine, configuration: configuration, token: token)
            },
            onRunning: { port in portContinuation.yield(port) })
        var logger = Logger(label: "leafsync.demo")
        logger.logLevel = .warning
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: engine.services.map { .init(service: $0) } + [.init(service: app)], gracefulShutdownSignals: [], logger: logger))
        let played: Swift.Result<(DemoStory.Outcome, DemoSummary, String), any Error> = await withTaskGroup(of: Void.self) { tasks in
            let stopped = Mutex<(any Error)?>(nil)
            tasks.addTask {
                // A service that fails to start (a port taken, a log locked) ends the port stream,
                // so the story does not wait for a port that will never come.
                defer { portContinuation.finish() }
                do { try await group.run() } catch { stopped.withLock { $0 = error } }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                return .failure(DemoError("the service did not start: \(stopped.withLock { $0.map { "\($0)" } } ?? "it stopped at once")"))
            }
            let serviceURL = "http://\(configuration.httpHost):\(port)/"
            onService(serviceURL)
            let session = DemoSession(
                endpoints: DemoEndpoints(
                    leafLink: leafLinkRoot, distru: distruRoot, service: serviceURL, adminToken: token, leafLinkAPIKey: leafLinkAPIKey,
                    distruAPIKey: distruAPIKey, leafLinkWebhookKey: leafLinkWebhookKey, distruWebhookSecret: distruWebhookSecret,
                    outbox: configuration.outbox, metrc: metrcRoot),
                patience: patience, report: report)
            let result: Swift.Result<(DemoStory.Outcome, DemoSummary, String), any Error>
            do {
                let outcome = try await DemoStory(session: session).run()
                result = .success((outcome, try await DemoSummary.read(session, outcome), serviceURL))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            await tasks.waitForAll()
            return result
        }
        await engine.close()
        let (outcome, summary, serviceURL) = try played.get()
        return Result(outcome: outcome, summary: summary, lastSequence: engine.writer.lastSequence, serviceURL: serviceURL)
    }

    /// 256 random bits as hex: the demo's admin token and webhook secrets (made fresh each run).
    static func randomKey() -> String { (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined() }
}
