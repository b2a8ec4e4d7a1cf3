import LeafSyncDispatch
public import LeafSyncLog
import LeafSyncProjections

/// What the console shows beyond the desk: the remotes as configured (never a key), where the log
/// is (for an order's timeline and the settings preview), readiness, webhook deliveries and the
/// clock lags are measured on. ``Console/addRoutes(to:engine:configuration:token:)`` builds one
/// from the running service; tests give their own.
public struct ConsoleConnection: Sendable {
    /// One remote: whether it is configured, its base URL and whether its webhooks are verified.
    public struct Remote: Sendable, Equatable {
        public var name: String
        public var configured: Bool
        public var baseURL: String?
        /// `signature secret configured`, `none configured`, or `not sent (polled)`.
        public var webhooks: String

        public init(name: String, configured: Bool, baseURL: String? = nil, webhooks: String) {
            self.name = name
            self.configured = configured
            self.baseURL = baseURL
            self.webhooks = webhooks
        }
    }

    public var remotes: [Remote]
    /// The tenant's log directory; nil: timelines show the engine's recent decisions, and the
    /// settings preview is unavailable.
    public var logPath: String?
    public var readiness: @Sendable () async -> ReadinessReport
    public var webhookDeliveries: @Sendable () -> [(answer: String, count: Int)]
    public var now: @Sendable () -> Timestamp

    public init(
        remotes: [Remote] = [], logPath: String? = nil,
        readiness: @escaping @Sendable () async -> ReadinessReport = { ReadinessReport(ready: false) },
        webhookDeliveries: @escaping @Sendable () -> [(answer: String, count: Int)] = { [] },
        now: @escaping @Sendable () -> Timestamp = { .now() }
    ) {
        self.remotes = remotes
        self.logPath = logPath
        self.readiness = readiness
        self.webhookDeliveries = webhookDeliveries
        self.now = now
    }
}

extension ConsoleConnection {
    /// The running service's: its configuration's remotes, its log, its readiness and metrics, its clock.
    public init(engine: Engine, configuration: ServiceConfiguration, metrics: ServiceMetrics = .shared) {
        let remotes = [
            Remote(
                name: "LeafLink", configured: configuration.leafLink != nil, baseURL: configuration.leafLink?.baseURL,
                webhooks: configuration.leafLink?.webhookKey == nil ? "none configured (polled only)" : "signature key configured"),
            Remote(
                name: "Distru", configured: configuration.distru != nil, baseURL: configuration.distru?.baseURL,
                webhooks: configuration.distru?.webhookSecret == nil ? "none configured (polled only)" : "signature secret configured"),
            Remote(
                name: "Metrc", configured: configuration.metrc != nil, baseURL: configuration.metrc?.baseURL,
                webhooks: "none (Metrc sends none; polled)"),
        ]
        let endpoints = engine.endpoints
        let time = engine.parts.time
        self.init(
            remotes: remotes, logPath: engine.tenant.logPath, readiness: { await endpoints.isReady() },
            webhookDeliveries: { metrics.webhookDeliveries }, now: { time.now })
    }
}
