public import LeafSyncLog

/// The engine's time: wall-clock `Timestamp`s for the events it writes (ticks, command outcomes)
/// and sleeps on an injected `Clock`, kept in step. With a test clock a day of cycles runs in
/// milliseconds; with `ContinuousClock` it is the wall clock.
///
/// ```swift
/// let time = EngineClock(ContinuousClock())                 // production
/// let test = EngineClock(ManualTestClock(), origin: t0)     // tests: time moves by `advance`
/// ```
public struct EngineClock: Sendable {
    /// The clock sleeps happen on.
    public let clock: any Clock<Duration>
    private let origin: Timestamp
    private let elapsed: @Sendable () -> Duration

    /// `origin` is the `Timestamp` of the clock's current instant (the wall time by default).
    public init<C: Clock>(_ clock: C, origin: Timestamp = .now()) where C.Duration == Duration, C: Sendable, C.Instant: Sendable {
        let start = clock.now
        self.clock = clock
        self.origin = origin
        self.elapsed = { start.duration(to: clock.now) }
    }

    /// Now, as the engine records it.
    public var now: Timestamp { origin.adding(elapsed()) }

    /// Sleeps until `time` (returns at once when it has passed). Throws `CancellationError`.
    public func sleep(until time: Timestamp) async throws {
        let wait = Duration.microseconds(time.microseconds - now.microseconds)
        if wait > .zero { try await clock.sleep(for: wait) }
    }
}

extension Timestamp {
    /// This time moved by `duration` (microsecond precision).
    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(microseconds: microseconds + seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }
}
