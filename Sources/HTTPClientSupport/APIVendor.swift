/// What the shared ``RemoteClient`` needs to know about one remote API: its name and defaults,
/// how its lists and records are wrapped, which paths it refuses, and what to tell the operator
/// when a status comes back. A vendor module declares one caseless enum conforming to it
/// (`LeafLinkVendor`, `DistruVendor`) and adds its endpoints in an extension of
/// `RemoteClient<ThatVendor>`.
///
/// Everything here is static: a vendor is a type-level description, not a value.
public protocol APIVendor: Sendable {
    /// The list endpoints the vendor's fetcher reads (an enum whose raw value is the path).
    associatedtype Resource: RawRepresentable, Hashable, Sendable where Resource.RawValue == String
    /// The vendor's timestamp type (its own text form, microsecond precision).
    associatedtype Timestamp: APITimestamp

    /// `LeafLink`, `Distru`: prefixes log lines and error messages.
    static var name: String { get }
    /// Where the API is and how a client talks to it unless configured otherwise.
    static var defaults: APIDefaults { get }
    /// How lists and single records are wrapped.
    static var envelope: APIEnvelope { get }
    /// The path and query that list `resource`, only records changed at or after `since` when
    /// given and the vendor filters that resource.
    static func listing(of resource: Resource, since: Timestamp?) -> (path: String, query: [(String, String)])
    /// Bytes a query component keeps unescaped, besides the unreserved ones.
    static var queryLiterals: Set<UInt8> { get }

    /// Why a relative path is refused before it is sent (nil: it is fine).
    static func refusal(forRelativePath path: String) -> String?
    /// The structured entries of an error body, when the vendor sends them.
    static func errorDetails(in body: [UInt8]) -> [APIErrorDetail]
    /// What the operator should do about a final `status` (400, 401, 404, 5xx…).
    static func hint(forStatus status: Int) -> String
    /// What the operator should do when the API still answers 429 after every retry.
    static var rateLimitAdvice: String { get }
}

extension APIVendor {
    public static var queryLiterals: Set<UInt8> { [UInt8(ascii: ",")] }
    public static func refusal(forRelativePath path: String) -> String? { nil }
    public static func errorDetails(in body: [UInt8]) -> [APIErrorDetail] { [] }
    /// The logger label of the vendor's client: `leafsync.leaflink`.
    public static var loggerLabel: String { "leafsync.\(name.lowercased())" }
}

/// A vendor's defaults for ``APIConfiguration``.
public struct APIDefaults: Sendable {
    /// The production API root, ending in `/`.
    public let productionURL: String
    /// The `Authorization` scheme put before the key (`App`, `Bearer`).
    public let authorizationScheme: String
    /// A client-side request ceiling per minute, or nil for none.
    public let requestsPerMinute: Int?
    /// The `limit` sent with the first page of a list (`offset=0` goes with it), or nil when the
    /// vendor pages on its own.
    public let pageLimit: Int?

    public init(productionURL: String, authorizationScheme: String, requestsPerMinute: Int? = nil, pageLimit: Int? = nil) {
        self.productionURL = productionURL.hasSuffix("/") ? productionURL : productionURL + "/"
        self.authorizationScheme = authorizationScheme
        // A ceiling or page below 1 would stop every request: treat it as 1.
        self.requestsPerMinute = requestsPerMinute.map { max($0, 1) }
        self.pageLimit = pageLimit.map { max($0, 1) }
    }
}

/// Where a vendor puts records in its answers.
public struct APIEnvelope: Sendable {
    /// The member of a list page holding the records (`results`, `data`).
    public let list: String
    /// The member of a list page holding the next page's URL (`next`, `next_page`).
    public let next: String
    /// The member of a single-record answer holding the record (`data`), or nil when the answer
    /// is the record itself.
    public let record: String?

    public init(list: String, next: String, record: String? = nil) {
        self.list = list
        self.next = next
        self.record = record
    }
}
