import HTTPClientSupport

/// How a ``DistruClient`` reaches Distru and how hard it tries.
public struct DistruConfiguration: Sendable {
    /// The API root, ending in `/public/v1/`. Production: `https://app.distru.com/public/v1/`.
    public var baseURL: String
    /// The company's API key, sent as `Authorization: Bearer <key>`. Never logged or put in an error.
    public var apiKey: String
    public var userAgent: String = "LeafSync/1.0 (LeafLink-Distru sync; +https://leafsync.invalid)"
    /// Retries for 429, 5xx and transport failures (the policy shared with the LeafLink client).
    public var retry: RetryPolicy = .init()
    /// Per-request deadline (connect + response).
    public var timeout: Duration = .seconds(30)

    public static let production = "https://app.distru.com/public/v1/"

    public init(baseURL: String = DistruConfiguration.production, apiKey: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.apiKey = apiKey
    }
}

extension DistruConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// Everything but the key, so a configuration can be logged.
    public var description: String {
        "DistruConfiguration(baseURL: \(baseURL), apiKey: <redacted>, maxAttempts: \(retry.maxAttempts), timeout: \(timeout))"
    }
    public var debugDescription: String { description }
}
