public import DistruAPI
import Foundation
public import LeafLinkAPI
public import LeafSyncDispatch
public import LeafSyncDomain
public import LeafSyncIngest
public import LeafSyncLog
public import LeafSyncProjections
public import Logging
public import ServiceLifecycle

/// LeafSync as one process: the tenant's log writer, the fetchers (run by the dispatcher's
/// polls and by webhooks), the dispatcher with its scheduler, and the background projector.
/// `leafsync run` adds the HTTP server and runs ``services`` in a `ServiceGroup`; tests build
/// one from ``Parts`` pointing at the simulators.
///
/// Shutdown order (a `ServiceGroup` stops services in reverse): the HTTP server first (no new
/// webhooks), then the dispatcher (in-flight commands cancelled; they are sent again, and found
/// done, at the next start), then the projector (its batch committed); the writer is closed
/// last by ``close()``.
public final class Engine: Sendable {
    /// Everything the engine is made of, already configured.
    public struct Parts: Sendable {
        public var directory: String
        public var leafLink: LeafLinkClient?
        public var distru: DistruClient?
        /// Metrc (R-MTC): its client and the licence LeafSync ships from; nil when not configured.
        public var metrc: MetrcWrites?
        public var leafLinkWebhookKey: String?
        public var distruWebhookSecret: String?
        public var mailer: ErrorMailer
        public var time: EngineClock
        public var options: Dispatcher.Options

        public init(
            directory: String, leafLink: LeafLinkClient?, distru: DistruClient?, metrc: MetrcWrites? = nil, leafLinkWebhookKey: String? = nil,
            distruWebhookSecret: String? = nil, mailer: ErrorMailer, time: EngineClock = EngineClock(ContinuousClock()),
            options: Dispatcher.Options = Dispatcher.Options()
        ) {
            self.directory = directory
            self.leafLink = leafLink
            self.distru = distru
            self.metrc = metrc
            self.leafLinkWebhookKey = leafLinkWebhookKey
            self.distruWebhookSecret = distruWebhookSecret
            self.mailer = mailer
            self.time = time
            self.options = options
        }
    }

    public let tenant: TenantDirectory
    public let writer: EventLogWriter
    public let dispatcher: Dispatcher
    public let leafLinkFetcher: LeafLinkFetcher?
    public let distruFetcher: DistruFetcher?
    public let metrcFetcher: MetrcFetcher?
    let parts: Parts
    let logger: Logger

    /// Opens the tenant's log (creating it) and assembles the parts. Throws when the log is
    /// locked by another writer (a second `leafsync run`, a `fetch`, a `dispatch`).
    public init(_ parts: Parts, logger: Logger = Logger(label: "leafsync.engine")) throws {
        self.parts = parts
        self.logger = logger
        tenant = TenantDirectory(parts.directory)
        writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .group))
        if let recovery = writer.recovery { logger.notice("log recovered at open", metadata: ["recovery": "\(recovery)"]) }
        let store = EventLogStore(writer: writer, directory: URL(fileURLWithPath: tenant.logPath))
        leafLinkFetcher = parts.leafLink.map { LeafLinkFetcher(client: $0, store: store) }
        distruFetcher = parts.distru.map { DistruFetcher(client: $0, store: store) }
        metrcFetcher = parts.metrc.map { MetrcFetcher(client: $0.client, store: store) }
        let executor = CommandExecutor(
            leafLink: parts.leafLink, distru: parts.distru, metrc: parts.metrc,
            fetches: FetchRouter(leafLink: leafLinkFetcher, distru: distruFetcher, metrc: metrcFetcher), mail: parts.mailer)
        dispatcher = try Dispatcher(
            writer: writer, directory: tenant.logPath, executor: executor, time: parts.time, options: parts.options,
            logger: Logger(label: "leafsync.dispatch"))
    }

    /// The dispatcher (with its scheduler) and the following projector, in start order.
    public var services: [any Service] { [ProjectorFollower(tenant: tenant), dispatcher] }

    /// What the HTTP routes call: the webhooks (verified, logged once, refetched; the dispatcher
    /// woken to act at once) of each remote with a webhook secret configured, and readiness.
    public var endpoints: ServiceEndpoints {
        let dispatcher = self.dispatcher
        let wake: @Sendable () async -> Void = { await dispatcher.wake() }
        var leafLinkWebhook: ServiceEndpoints.Webhook?
        if let fetcher = leafLinkFetcher, let key = parts.leafLinkWebhookKey {
            leafLinkWebhook = ServiceEndpoints.webhook(into: fetcher, secret: key, onAccepted: wake)
        }
        var distruWebhook: ServiceEndpoints.Webhook?
        if let fetcher = distruFetcher, let secret = parts.distruWebhookSecret {
            distruWebhook = ServiceEndpoints.webhook(into: fetcher, secret: secret, onAccepted: wake)
        }
        let writer = self.writer
        let remotes = [parts.leafLink.map { _ in "LeafLink" }, parts.distru.map { _ in "Distru" }, parts.metrc.map { _ in "Metrc" }].compactMap { $0 }
        return ServiceEndpoints(leafLinkWebhook: leafLinkWebhook, distruWebhook: distruWebhook) {
            let caughtUp = await dispatcher.hasCaughtUp
            let fetched = await dispatcher.hasCompletedARound
            return ReadinessReport(
                ready: fetched && !remotes.isEmpty,
                checks: [
                    "log": "open at sequence \(writer.lastSequence)",
                    "dispatcher": fetched ? "first round done (remotes fetched)" : caughtUp ? "fetching" : "reading the log",
                    "remotes": remotes.isEmpty ? "none configured" : remotes.joined(separator: ", "),
                ])
        }
    }

    /// Flushes and closes the log. Call once the services have stopped.
    public func close() async { await writer.close() }
}
