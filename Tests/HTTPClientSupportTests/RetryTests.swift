import AsyncHTTPClient
import HTTPClientSupport
import LeafSyncTestSupport
import Logging
import Testing

/// Retries in ``HTTPExchange`` on a test clock: what is retried, after how long, and when it
/// gives up. No test waits on the wall clock.
@Suite("Retries on an injected clock")
struct RetryTests {
    /// No jitter, so the waits are exact: 1 s, 2 s, 4 s…
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxDelay: .seconds(60), jitter: 0)

    func send(_ transport: ScriptedTransport, clock: ManualTestClock, idempotent: Bool = true) -> Task<HTTPExchange, any Error> {
        let policy = policy
        return Task {
            try await HTTPExchange.send(
                HTTPClientRequest(url: "https://api.acme.invalid/v1/widgets/"), using: transport, timeout: .seconds(5), policy: policy,
                idempotent: idempotent, clock: clock, logger: Logger(label: "test.retry"), name: { "GET widgets (\($0))" })
        }
    }

    @Test("a 5xx is retried after exponential backoff: 1 s, then 2 s")
    func serverErrorsBackOffExponentially() async throws {
        let clock = ManualTestClock()
        let transport = ScriptedTransport([.answer(503), .answer(502), .answer(200, body: "{}")])
        let task = send(transport, clock: clock)
        await clock.sleepers(atLeast: 1)
        #expect(clock.deadlines == [.seconds(1)])
        clock.advance(by: .seconds(1))
        await clock.sleepers(atLeast: 1)
        #expect(clock.deadlines == [.seconds(3)])
        clock.advance(by: .seconds(2))
        let exchange = try await task.value
        #expect(exchange.status == 200 && exchange.attempts == 3)
        #expect(transport.urls.count == 3)
    }

    @Test("a 429 waits for Retry-After (seconds), capped at maxRetryAfter")
    func rateLimitHonoursRetryAfter() async throws {
        let clock = ManualTestClock()
        let transport = ScriptedTransport([.answer(429, headers: [("Retry-After", "7")]), .answer(200)])
        let task = send(transport, clock: clock)
        await clock.sleepers(atLeast: 1)
        #expect(clock.deadlines == [.seconds(7)])
        clock.advance(by: .seconds(6))
        #expect(clock.deadlines == [.seconds(7)], "still waiting a second before the deadline")
        clock.advance(by: .seconds(1))
        #expect(try await task.value.attempts == 2)
    }

    @Test("a 429 after the last attempt is a rateLimited failure with its Retry-After")
    func rateLimitGivesUp() async throws {
        let clock = ManualTestClock()
        let transport = ScriptedTransport(Array(repeating: .answer(429, headers: [("Retry-After", "1")]), count: 3))
        let task = send(transport, clock: clock)
        for _ in 0..<2 {
            await clock.sleepers(atLeast: 1)
            clock.advance(by: .seconds(1))
        }
        await #expect(throws: HTTPExchangeFailure.rateLimited(attempts: 3, retryAfter: "1")) { try await task.value }
    }

    @Test("a 4xx other than 429 is final at once")
    func clientErrorsAreNotRetried() async throws {
        let clock = ManualTestClock()
        let transport = ScriptedTransport([.answer(404, body: "Not found")])
        await #expect(throws: HTTPExchangeFailure.status(attempts: 1, status: 404, body: Array("Not found".utf8))) {
            try await send(transport, clock: clock).value
        }
        #expect(transport.urls.count == 1)
    }

    @Test("a request that is not idempotent is not retried after a 5xx or a lost answer")
    func postsAreNotRetriedAfterServerErrors() async throws {
        let clock = ManualTestClock()
        let failing = ScriptedTransport([.answer(500)])
        await #expect(throws: HTTPExchangeFailure.status(attempts: 1, status: 500, body: [])) {
            try await send(failing, clock: clock, idempotent: false).value
        }
        let lost = ScriptedTransport([.lost])
        await #expect(throws: HTTPExchangeFailure.self) { try await send(lost, clock: clock, idempotent: false).value }
        #expect(failing.urls.count == 1 && lost.urls.count == 1)
    }

    @Test("a lost answer is retried, then reported with the number of attempts")
    func lostAnswersAreRetriedThenReported() async throws {
        let clock = ManualTestClock()
        let transport = ScriptedTransport([.lost, .lost, .lost])
        let task = send(transport, clock: clock)
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(1))
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(2))
        do {
            _ = try await task.value
            Issue.record("expected a transport failure")
        } catch let failure as HTTPExchangeFailure {
            guard case .transport(let attempts, let reason) = failure else { Issue.record("got \(failure)"); return }
            #expect(attempts == 3 && reason.contains("connection reset"))
        }
    }

    @Test("backoff doubles up to maxDelay and jitter stays within its fraction")
    func backoffShape() {
        var p = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(5), jitter: 0)
        #expect((1...5).map { p.backoff(afterAttempt: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        p.jitter = 0.2
        for _ in 0..<50 {
            let d = p.backoff(afterAttempt: 2)
            #expect(d >= .milliseconds(1600) && d <= .milliseconds(2400))
        }
    }
}
