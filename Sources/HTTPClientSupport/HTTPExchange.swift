package import AsyncHTTPClient
package import Logging
package import NIOHTTP1

/// One HTTP answer after retries: status, body, headers and how many attempts it took.
package struct HTTPExchange: Sendable {
    package var status: Int
    package var body: [UInt8]
    package var headers: HTTPHeaders
    package var attempts: Int
}

/// Why ``HTTPExchange/send(_:using:timeout:policy:idempotent:clock:logger:name:beforeAttempt:)``
/// gave up; ``RemoteClient`` turns it into an ``APIError``.
package enum HTTPExchangeFailure: Error, Sendable, Equatable {
    /// No HTTP answer (refused, reset, timed out) on the last attempt allowed.
    case transport(attempts: Int, reason: String)
    /// Still 429 after the last attempt.
    case rateLimited(attempts: Int, retryAfter: String?)
    /// A status that is not retried (4xx but 429), or a 5xx after the last attempt allowed.
    case status(attempts: Int, status: Int, body: [UInt8])
}

extension HTTPExchange {
    /// Sends `request` until it gets a 2xx or a final answer: 429 is retried (after
    /// `Retry-After` or the backoff), and so are 5xx and lost answers when `idempotent`; other
    /// 4xx are not. Waits between attempts on `clock`, so a test clock can drive them.
    /// `name(attempt)` names the call in log lines (never the key); `beforeAttempt` runs before
    /// each try (a client-side rate limit). Each attempt is counted under `remote`
    /// (``HTTPCallMetrics``). Log lines carry `remote` and `call` as metadata, with the command
    /// and subject the task works for (``LogContext``).
    package static func send(
        _ request: HTTPClientRequest, using transport: any HTTPTransport, timeout: Duration, policy: RetryPolicy,
        idempotent: Bool, clock: any Clock<Duration> = ContinuousClock(), logger: Logger, remote: String = "", name: (Int) -> String,
        beforeAttempt: () async throws -> Void = {}
    ) async throws -> HTTPExchange {
        var attempt = 0
        while true {
            attempt += 1
            try await beforeAttempt()
            let answer: HTTPAnswer
            do {
                answer = try await transport.answer(request, timeout: timeout)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                HTTPCallMetrics.count(remote: remote, status: "error")
                let reason = String(describing: error)
                guard idempotent, attempt < policy.maxAttempts else {
                    throw HTTPExchangeFailure.transport(attempts: attempt, reason: reason)
                }
                let delay = policy.backoff(afterAttempt: attempt)
                logger.notice(
                    "HTTP call failed; retrying",
                    metadata: LogContext.merged([LogContext.remote: "\(remote)", "call": "\(name(attempt))", "error": "\(reason)", "retry_in": "\(delay)"]))
                try await clock.sleep(for: delay)
                continue
            }
            HTTPCallMetrics.count(remote: remote, status: String(answer.status))
            logger.debug(
                "HTTP answer",
                metadata: LogContext.merged([LogContext.remote: "\(remote)", "call": "\(name(attempt))", "status": "\(answer.status)", "bytes": "\(answer.body.count)"]))
            switch answer.status {
            case 200..<300:
                return HTTPExchange(status: answer.status, body: answer.body, headers: answer.headers, attempts: attempt)
            case 429:
                let retryAfter = answer.headers.first(name: "Retry-After")
                guard attempt < policy.maxAttempts else { throw HTTPExchangeFailure.rateLimited(attempts: attempt, retryAfter: retryAfter) }
                let delay = policy.delay(retryAfter: retryAfter, afterAttempt: attempt)
                logger.notice(
                    "HTTP call rate-limited; retrying",
                    metadata: LogContext.merged([LogContext.remote: "\(remote)", "call": "\(name(attempt))", "status": "429", "retry_in": "\(delay)"]))
                try await clock.sleep(for: delay)
            case 500...:
                guard idempotent, attempt < policy.maxAttempts else {
                    throw HTTPExchangeFailure.status(attempts: attempt, status: answer.status, body: answer.body)
                }
                let delay = policy.backoff(afterAttempt: attempt)
                logger.notice(
                    "HTTP call answered a server error; retrying",
                    metadata: LogContext.merged([LogContext.remote: "\(remote)", "call": "\(name(attempt))", "status": "\(answer.status)", "retry_in": "\(delay)"]))
                try await clock.sleep(for: delay)
            default:
                throw HTTPExchangeFailure.status(attempts: attempt, status: answer.status, body: answer.body)
            }
        }
    }
}
