import Metrics

/// `leafsync_http_calls_total{remote, status}`: one count per attempt sent to a remote, by the
/// status it answered (`"error"` when no answer came: refused, reset, timed out).
///
/// Recorded through swift-metrics, so it costs nothing until a backend is bootstrapped (the
/// service bootstraps Prometheus; see `ServiceMetrics` in LeafSyncService).
package enum HTTPCallMetrics {
    package static let callsTotal = "leafsync_http_calls_total"

    /// Counts one attempt to `remote` (`leaflink`, `distru`; nothing is counted for a call made
    /// up in a test without one) that ended with `status`.
    package static func count(remote: String, status: String) {
        guard !remote.isEmpty else { return }
        Counter(label: callsTotal, dimensions: [("remote", remote), ("status", status)]).increment()
    }
}
