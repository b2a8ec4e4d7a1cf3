/// How a ``LeafLinkClient`` reaches LeafLink and how hard it tries.
public struct LeafLinkConfiguration: Sendable {
    /// The API root, ending in `/api/v2/`. Production: `https://app.leaflink.com/api/v2/`.
    public var baseURL: String
    /// The company's API key. Never logged or put in an error.
    public var apiKey: String
    /// `App` for application keys (the default), `Token` for older user keys.
    public var authScheme: String = "App"
    public var userAgent: String = "LeafSync/1.0 (LeafLink-Distru sync; +https://leafsync.invalid)"
    public var retry: RetryPolicy = .init()
    /// Client-side ceiling; LeafLink allows 300 requests/minute per key owner.
    public var requestsPerMinute: Int = 300
    /// Per-request deadline (connect + response).
    public var timeout: Duration = .seconds(30)
    /// Page size for list calls.
    public var pageLimit: Int = 100

    public static let production = "https://app.leaflink.com/api/v2/"
    public static let sandbox = "https://www.sandbox.leaflink.com/api/v2/"

    public init(baseURL: String = LeafLinkConfiguration.production, apiKey: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.apiKey = apiKey
    }
}

/// Retries for 429, 5xx and transport failures: `Retry-After` when LeafLink sends it, else
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
}

extension LeafLinkConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// Everything but the key, so a configuration can be logged.
    public var description: String {
        "LeafLinkConfiguration(baseURL: \(baseURL), apiKey: <redacted>, requestsPerMinute: \(requestsPerMinute), maxAttempts: \(retry.maxAttempts), pageLimit: \(pageLimit))"
    }
    public var debugDescription: String { description }
}
