/// A client-side token bucket: `perMinute` tokens refilled continuously, burst up to
/// `burst`. ``acquire()`` waits until a token is free.
public actor RateLimiter {
    private let perSecond: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private let clock = ContinuousClock()

    public init(perMinute: Int, burst: Int? = nil) {
        self.perSecond = Double(max(perMinute, 1)) / 60
        self.burst = Double(burst ?? max(1, min(perMinute, perMinute / 6 + 1)))
        self.tokens = self.burst
        self.last = clock.now
    }

    public func acquire() async throws {
        while true {
            let now = clock.now
            let elapsed = last.duration(to: now)
            last = now
            tokens = min(burst, tokens + elapsed.seconds * perSecond)
            if tokens >= 1 {
                tokens -= 1
                return
            }
            let wait = (1 - tokens) / perSecond
            try await Task.sleep(for: .seconds(wait))
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) / 1e18
    }
}
