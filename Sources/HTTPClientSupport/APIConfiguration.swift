/// How a ``RemoteClient`` reaches one vendor and how hard it tries. The vendor supplies the
/// defaults (production URL, `Authorization` scheme, request ceiling, page size); the key is
/// never logged or put in an error.
///
/// ```swift
/// var config = LeafLinkConfiguration(baseURL: sim.baseURL, apiKey: key)
/// config.retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(2))
/// ```
public struct APIConfiguration<Vendor: APIVendor>: Sendable {
    /// The API root, ending in `/` (added when missing).
    public var baseURL: String
    /// The company's API key. Never logged or put in an error.
    public var apiKey: String
    /// Put before the key in `Authorization` (LeafLink: `App`, or `Token` for older user keys).
    public var authScheme: String = Vendor.defaults.authorizationScheme
    public var userAgent: String = "LeafSync/1.0 (LeafLink-Distru sync; +https://leafsync.invalid)"
    /// Retries for 429, 5xx and transport failures.
    public var retry: RetryPolicy = .init()
    /// Client-side ceiling on requests per minute; nil for none.
    public var requestsPerMinute: Int? = Vendor.defaults.requestsPerMinute
    /// Per-request deadline (connect + response).
    public var timeout: Duration = .seconds(30)
    /// Page size sent with list calls (`limit`), for vendors that take one.
    public var pageLimit: Int? = Vendor.defaults.pageLimit

    /// The vendor's production API root.
    public static var production: String { Vendor.defaults.productionURL }

    public init(baseURL: String = Vendor.defaults.productionURL, apiKey: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.apiKey = apiKey
    }

    /// The `Authorization` header value.
    var authorization: String { "\(authScheme) \(apiKey)" }
}

extension APIConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// Everything but the key, so a configuration can be logged.
    public var description: String {
        let rate = requestsPerMinute.map { ", requestsPerMinute: \($0)" } ?? ""
        let page = pageLimit.map { ", pageLimit: \($0)" } ?? ""
        return
            "\(Vendor.name)Configuration(baseURL: \(baseURL), apiKey: <redacted>\(rate), maxAttempts: \(retry.maxAttempts), timeout: \(timeout)\(page))"
    }

    public var debugDescription: String { description }
}
