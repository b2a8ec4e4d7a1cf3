/// Lets a process wait for a log to grow without polling: a thin public face of the
/// directory watcher that `follow(from:)` uses, for consumers that read with a cursor
/// (the projector commits what it has before it waits).
///
/// ```swift
/// let watcher = LogWatcher(directory: logPath)
/// while !Task.isCancelled {
///     let seen = watcher.generation
///     guard let event = try cursor.next() else { await watcher.waitForChange(after: seen); continue }
///     …
/// }
/// ```
public final class LogWatcher: Sendable {
    private let watcher: DirectoryWatcher

    /// Watches the log at `directory`. `clock` times the safety tick (once a second, a change
    /// is assumed even without a notification); a test can pass a clock it advances itself.
    public init(directory: String, clock: any Clock<Duration> = ContinuousClock()) {
        watcher = DirectoryWatcher(path: LogDirectory(directory).path, clock: clock)
    }

    /// Increases whenever the directory changes (and once a tick as a safety net).
    public var generation: UInt64 { watcher.generation }

    /// Returns once the log changed after `generation`, or at once when the task is cancelled.
    public func waitForChange(after generation: UInt64) async {
        await watcher.waitForChange(after: generation)
    }
}
