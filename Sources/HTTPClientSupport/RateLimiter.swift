/// A client-side token bucket that never lets more than `perMinute` requests through in any
/// rolling minute: up to `burst` at once, refilled at `(perMinute − burst) / 60` per second.
/// ``acquire()`` waits until a token is free.
public actor RateLimiter {
    private let perSecond: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private let clock = ContinuousClock()

    public init(perMinute: Int, burst: Int? = nil) {
        let perMinute = max(perMinute, 1)
        let burst = min(max(burst ?? perMinute / 6, 1), perMinute)
        self.perSecond = Double(max(perMinute - burst, 1)) / 60
        self.burst = Double(burst)
        self.tokens = self.burst
        self.last = clock.now
    }

    public func acquire() async throws {
        while true {
            let now = clock.now
            let elapsed = last.duration(to: now)
            last = now
            tokens = min(burst, tokens + elapsed.totalSeconds * perSecond)
            if tokens >= 1 {
                tokens -= 1
                return
            }
            let wait = (1 - tokens) / perSecond
            try await Task.sleep(for: .seconds(wait))
        }
    }
}
