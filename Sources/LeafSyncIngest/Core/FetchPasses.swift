public import LeafSyncLog
import Synchronization

/// When each remote resource was last fetched through, for this process: the service's
/// `/metrics` turns it into `leafsync_fetch_lag_seconds{remote, resource}`, the time since the
/// last completed pass over the resource started (what the log knows of it is at least that
/// fresh). A resource whose passes keep failing shows a growing lag.
///
/// ```swift
/// for (pass, lag) in FetchPasses.shared.lags(at: .now()) { print(pass.remote, pass.resource, lag) }
/// ```
public final class FetchPasses: Sendable {
    /// The one every fetcher reports to.
    public static let shared = FetchPasses()

    /// One resource of one remote: `leaflink` / `orders-received`.
    public struct Resource: Hashable, Sendable {
        public var remote: String
        public var resource: String
        public init(remote: String, resource: String) {
            self.remote = remote
            self.resource = resource
        }
    }

    private let started = Mutex<[Resource: Timestamp]>([:])

    public init() {}

    /// Records that a pass over `resource` begun at `start` completed.
    public func completed(_ resource: Resource, startedAt start: Timestamp) {
        started.withLock { last in
            if last[resource].map({ $0 < start }) ?? true { last[resource] = start }
        }
    }

    /// Each resource fetched through so far and the time from its last completed pass's start
    /// to `now`, sorted by remote and resource.
    public func lags(at now: Timestamp) -> [(resource: Resource, lag: Duration)] {
        started.withLock { $0 }
            .map { (resource: $0.key, lag: Duration.microseconds(max(0, now.microseconds - $0.value.microseconds))) }
            .sorted { ($0.resource.remote, $0.resource.resource) < ($1.resource.remote, $1.resource.resource) }
    }
}
