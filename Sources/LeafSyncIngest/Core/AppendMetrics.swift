public import LeafSyncLog
import Metrics

/// `leafsync_events_appended_total{source, type}`: events the engine appended to the log, by
/// source (`leaflink`, `distru`, `engine`…) and event type. The fetchers count what they append
/// (observations, deletions, cursors, webhooks) and the dispatcher its ticks and outcomes.
///
/// Recorded through swift-metrics: nothing is kept until a backend is bootstrapped (the service
/// bootstraps Prometheus, `ServiceMetrics` in LeafSyncService).
public enum AppendMetrics {
    public static let eventsAppendedTotal = "leafsync_events_appended_total"

    /// Counts `events`, appended just now.
    public static func appended(_ events: some Sequence<NewEvent>) {
        var counts: [Key: Int] = [:]
        for e in events { counts[Key(source: e.source, type: e.type), default: 0] += 1 }
        for (key, n) in counts {
            Counter(label: eventsAppendedTotal, dimensions: [("source", key.source), ("type", key.type)]).increment(by: n)
        }
    }

    private struct Key: Hashable {
        var source: String
        var type: String
    }
}
