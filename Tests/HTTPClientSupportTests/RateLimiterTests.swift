import HTTPClientSupport
import LeafSyncTestSupport
import Testing

/// The client-side token bucket on a test clock.
@Suite("Rate limiter on an injected clock")
struct RateLimiterTests {
    @Test("the burst passes at once; then requests are spaced at the refill rate")
    func clientRateLimiterSpacesRequests() async throws {
        let clock = ManualTestClock()
        // 600 a minute with a burst of 2: 2 at once, then (600 − 2) / 60 ≈ 9.97 a second.
        let limiter = RateLimiter(perMinute: 600, burst: 2, clock: clock)
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(clock.deadlines.isEmpty, "the burst needs no wait")
        let third = Task { try await limiter.acquire() }
        await clock.sleepers(atLeast: 1)
        let wait = try #require(clock.deadlines.first)
        #expect(wait >= .milliseconds(100) && wait < .milliseconds(101))
        clock.advance(by: wait)
        try await third.value
        let fourth = Task { try await limiter.acquire() }
        await clock.sleepers(atLeast: 1)
        clock.advance(by: try #require(clock.deadlines.first) - clock.now.offset)
        try await fourth.value
        // 2 from the burst, then 2 more at about 10/s.
        #expect(clock.now.offset >= .milliseconds(180))
    }

    @Test("an idle minute refills the bucket up to the burst, no further")
    func idleTimeRefillsToTheBurst() async throws {
        let clock = ManualTestClock()
        let limiter = RateLimiter(perMinute: 60, burst: 3, clock: clock)
        for _ in 0..<3 { try await limiter.acquire() }
        clock.advance(by: .seconds(600))
        for _ in 0..<3 { try await limiter.acquire() }
        #expect(clock.deadlines.isEmpty)
        let next = Task { try await limiter.acquire() }
        await clock.sleepers(atLeast: 1)
        #expect(clock.deadlines.count == 1, "the fourth request after the idle time waits")
        next.cancel()
        await #expect(throws: CancellationError.self) { try await next.value }
    }
}
