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

extension LeafLinkConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// Everything but the key, so a configuration can be logged.
    public var description: String {
        "LeafLinkConfiguration(baseURL: \(baseURL), apiKey: <redacted>, requestsPerMinute: \(requestsPerMinute), maxAttempts: \(retry.maxAttempts), pageLimit: \(pageLimit))"
    }
    public var debugDescription: String { description }
}
