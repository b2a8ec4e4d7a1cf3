/// A client-side token bucket that never lets more than `perMinute` requests through in any
/// rolling minute: up to `burst` at once, refilled at `(perMinute − burst) / 60` per second.
/// ``acquire()`` waits on the injected clock until a token is free.
public actor RateLimiter {
    private let perSecond: Double
    private let burst: Double
    private var tokens: Double
    /// Time on `clock` since the limiter was made, when tokens were last counted.
    private var last: Duration = .zero
    private let clock: any Clock<Duration>
    private let elapsed: @Sendable () -> Duration

    public init(perMinute: Int, burst: Int? = nil, clock: any Clock<Duration> = ContinuousClock()) {
        let perMinute = max(perMinute, 1)
        let burst = min(max(burst ?? perMinute / 6, 1), perMinute)
        self.perSecond = Double(max(perMinute - burst, 1)) / 60
        self.burst = Double(burst)
        self.tokens = self.burst
        self.clock = clock
        self.elapsed = Self.stopwatch(clock)
    }

    /// Takes a token, waiting until one is free.
    public func acquire() async throws {
        while true {
            let now = elapsed()
            tokens = min(burst, tokens + (now - last).totalSeconds * perSecond)
            last = now
            // A hair under 1 after waiting exactly the computed time is rounding, not a shortfall.
            if tokens >= 1 - 1e-9 {
                tokens -= 1
                return
            }
            try await clock.sleep(for: .seconds((1 - tokens) / perSecond))
        }
    }

    /// Time elapsed on `clock` since this call (opens the existential once, at init).
    private static func stopwatch<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
