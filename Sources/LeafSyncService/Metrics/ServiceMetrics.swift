public import LeafSyncDomain
import HTTPClientSupport
import LeafSyncDispatch
import LeafSyncIngest
import LeafSyncLog
import Metrics
import Prometheus
import Synchronization

/// The service's Prometheus registry, fed through swift-metrics, and what `GET /metrics` serves.
///
/// ``shared`` bootstraps swift-metrics' `MetricsSystem` with a Prometheus factory over its
/// registry, once per process, so the metrics the libraries record through swift-metrics land
/// here:
///
/// | metric | type | labels | recorded by |
/// |---|---|---|---|
/// | `leafsync_events_appended_total` | counter | `source`, `type` | fetchers, webhooks, dispatcher (`AppendMetrics`) |
/// | `leafsync_fetch_lag_seconds` | gauge | `remote`, `resource` | at each scrape, from `FetchPasses` |
/// | `leafsync_commands_pending`, `_retrying`, `_failed` | gauge | | the dispatcher, ``update(from:)`` |
/// | `leafsync_sync_errors_open` | gauge | | the dispatcher, ``update(from:)`` |
/// | `leafsync_dispatch_duration_seconds` | histogram | `action`, `outcome` | the dispatcher |
/// | `leafsync_http_calls_total` | counter | `remote`, `status` | every attempt to LeafLink or Distru |
/// | `leafsync_webhooks_total` | counter | `remote`, `status` | the webhook routes |
///
/// ```swift
/// let metrics = ServiceMetrics.shared      // bootstraps MetricsSystem the first time
/// metrics.update(from: dispatcher.state)   // gauges from the folded state
/// print(metrics.exposition())              // Prometheus text format 0.0.4
/// ```
public final class ServiceMetrics: Sendable {
    /// The process's metrics. The first use bootstraps `MetricsSystem` (never twice: swift-metrics
    /// traps on a second bootstrap).
    public static let shared = ServiceMetrics()

    public static let fetchLag = "leafsync_fetch_lag_seconds"
    public static let webhooksTotal = "leafsync_webhooks_total"

    /// Every metric name the service exposes (a scrape shows each once it has a value).
    public static let names: [String] = [
        AppendMetrics.eventsAppendedTotal, fetchLag, DispatchMetrics.commandsPending, DispatchMetrics.commandsRetrying,
        DispatchMetrics.commandsFailed, DispatchMetrics.syncErrorsOpen, DispatchMetrics.dispatchDuration, HTTPCallMetrics.callsTotal,
        webhooksTotal,
    ]

    private let registry: PrometheusCollectorRegistry
    private let webhookTally = Mutex<[String: Int]>([:])
    private let factory: PrometheusMetricsFactory
    /// False when another swift-metrics backend was bootstrapped first: then only what this
    /// class records itself (webhooks, fetch lag, ``update(from:)``) reaches `/metrics`.
    public let isProcessBackend: Bool

    private init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        self.factory = PrometheusMetricsFactory(registry: registry)
        // `shared` is initialized once (a static let); the check keeps a backend someone else
        // bootstrapped instead of trapping.
        if MetricsSystem.factory is NOOPMetricsHandler {
            MetricsSystem.bootstrap(factory)
            isProcessBackend = true
        } else {
            isProcessBackend = false
        }
    }

    /// The registry in Prometheus' text exposition format (version 0.0.4), with each fetch lag
    /// measured now.
    public func exposition() -> String {
        let now = Timestamp.now()
        for (pass, lag) in FetchPasses.shared.lags(at: now) {
            let (seconds, attoseconds) = lag.components
            Gauge(label: Self.fetchLag, dimensions: [("remote", pass.remote), ("resource", pass.resource)], factory: factory)
                .record(Double(seconds) + Double(attoseconds) / 1e18)
        }
        return registry.emitToString()
    }

    /// Sets the command and sync-error gauges from `state` (the dispatcher also does after each
    /// run).
    public func update(from state: SyncState) {
        withMetricsFactory(factory) { DispatchMetrics.record(state) }
    }

    /// Counts one webhook delivery to `remote` answered with `status`.
    func webhookAnswered(remote: String, status: Int) {
        Counter(label: Self.webhooksTotal, dimensions: [("remote", remote), ("status", String(status))], factory: factory).increment()
        webhookTally.withLock { $0["\(remote) \(status)", default: 0] += 1 }
    }

    /// The webhook deliveries answered since the process started, by `remote status`
    /// (`leaflink 200`), as the console's connection page shows them.
    public var webhookDeliveries: [(answer: String, count: Int)] {
        webhookTally.withLock { $0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
