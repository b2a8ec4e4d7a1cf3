public import LeafSyncDomain
import Metrics

/// The dispatcher's metrics, recorded through swift-metrics (nothing is kept until a backend is
/// bootstrapped; the service bootstraps Prometheus, `ServiceMetrics` in LeafSyncService):
///
/// - `leafsync_dispatch_duration_seconds{action, outcome}`: a histogram of how long each command
///   took to execute against its remote (`action` is the command's case name, `outcome`
///   `succeeded`, `failed` or `skipped`);
/// - gauges from the folded state: `leafsync_commands_pending` (emitted, not yet succeeded),
///   `leafsync_commands_retrying` (pending after a failed attempt), `leafsync_commands_failed`
///   (given up: waiting for an operator retry) and `leafsync_sync_errors_open`.
public enum DispatchMetrics {
    public static let dispatchDuration = "leafsync_dispatch_duration_seconds"
    public static let commandsPending = "leafsync_commands_pending"
    public static let commandsRetrying = "leafsync_commands_retrying"
    public static let commandsFailed = "leafsync_commands_failed"
    public static let syncErrorsOpen = "leafsync_sync_errors_open"

    /// Records one execution of `command` that took `duration` and ended in `outcome`.
    static func executed(_ command: Command, _ outcome: CommandOutcome, in duration: Duration) {
        let result =
            switch outcome {
            case .succeeded: "succeeded"
            case .failed: "failed"
            case .skipped: "skipped"
            }
        Timer(label: dispatchDuration, dimensions: [("action", command.action.name), ("outcome", result)]).record(duration: duration)
    }

    /// Sets the command and sync-error gauges from `state`.
    public static func record(_ state: SyncState) {
        let book = state.commands
        Gauge(label: commandsPending).record(book.pending.count)
        Gauge(label: commandsRetrying).record(book.pending.keys.filter { (book.attempts[$0] ?? 0) > 0 }.count)
        Gauge(label: commandsFailed).record(book.abandoned.count)
        Gauge(label: syncErrorsOpen).record(state.openErrors.count)
    }
}
