/// Retries for 429, 5xx and transport failures: `Retry-After` when the server sends it, else
/// exponential backoff (`baseDelay · 2^(attempt-1)`, capped at `maxDelay`) with ± `jitter`.
public struct RetryPolicy: Sendable {
    /// Total attempts per request, the first one included.
    public var maxAttempts: Int = 6
    public var baseDelay: Duration = .milliseconds(500)
    public var maxDelay: Duration = .seconds(60)
    /// Fraction of the delay randomised either way (0.2 = ±20 %).
    public var jitter: Double = 0.2
    /// Upper bound on an honoured `Retry-After`.
    public var maxRetryAfter: Duration = .seconds(300)

    public init() {}

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration = .seconds(60), jitter: Double = 0.2) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// The backoff before attempt `attempt + 1` (attempt counts from 1).
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exp = min(attempt - 1, 30)
        var d = baseDelay * (1 << exp)
        if d > maxDelay { d = maxDelay }
        let factor = 1 + Double.random(in: -jitter...jitter)
        return d * factor
    }

    /// The wait before retrying a 429: `Retry-After` (seconds or an HTTP date, capped at
    /// ``maxRetryAfter``) when given, else the backoff.
    public func delay(retryAfter: String?, afterAttempt attempt: Int) -> Duration {
        retryAfter.flatMap { HTTPDate.retryAfterSeconds($0) }.map { min(Duration.seconds($0), maxRetryAfter) }
            ?? backoff(afterAttempt: attempt)
    }
}
