public import HTTPClientSupport

/// LeafLink Marketplace API v2 as the shared ``RemoteClient`` sees it: `App <key>`
/// authentication (`Token` for older user keys: set ``APIConfiguration/authScheme``), paths
/// that end in `/`, `{count, next, previous, results}` pages at `limit=100`, and a ceiling of
/// 300 requests a minute per key owner.
public enum LeafLinkVendor: APIVendor {
    public typealias Resource = LeafLinkResource
    public typealias Timestamp = LeafLinkTimestamp

    public static let name = "LeafLink"
    public static let defaults = APIDefaults(
        productionURL: "https://app.leaflink.com/api/v2/", authorizationScheme: "App", requestsPerMinute: 300, pageLimit: 100)
    public static let sandboxURL = "https://www.sandbox.leaflink.com/api/v2/"
    public static let envelope = APIEnvelope(list: "results", next: "next")
    public static let rateLimitAdvice = "lower requestsPerMinute or wait"

    /// `modified__gte` where LeafLink has a filter; orders come with `include_children`.
    public static func listing(of resource: LeafLinkResource, since: LeafLinkTimestamp?) -> (path: String, query: [(String, String)]) {
        var query: [(String, String)] = []
        if let since, let filter = resource.modifiedFilter { query.append((filter, since.text)) }
        if resource == .ordersReceived { query.append(("include_children", LeafLinkClient.orderChildren)) }
        return (resource.path, query)
    }

    public static func refusal(forRelativePath path: String) -> String? {
        path.split(separator: "?").first.map({ $0.hasSuffix("/") }) ?? false ? nil : "LeafLink paths end with '/': \(path)"
    }

    public static func hint(forStatus status: Int) -> String {
        switch status {
        case 400: "LeafLink rejected the request; check the fields in the body"
        case 401, 403: "check the API key and that it belongs to the seller company"
        case 404: "the record does not exist or is not visible to this key"
        case 500...: "LeafLink kept failing; try again later"
        default: "see the body"
        }
    }
}

/// The LeafLink client: the shared core with LeafLink's endpoints (``LeafLinkVendor``).
public typealias LeafLinkClient = RemoteClient<LeafLinkVendor>
/// How a ``LeafLinkClient`` reaches LeafLink and how hard it tries.
public typealias LeafLinkConfiguration = APIConfiguration<LeafLinkVendor>
/// One page of a LeafLink list.
public typealias LeafLinkPage = APIPage<LeafLinkVendor>
/// Where the next incremental fetch of a LeafLink resource starts (`modified__gte`).
public typealias LeafLinkFetchCursor = FetchCursor<LeafLinkResource, LeafLinkTimestamp>
/// What the LeafLink client throws (the shared ``APIError``).
public typealias LeafLinkError = APIError
/// One LeafLink call as it appears in errors and logs.
public typealias LeafLinkCall = HTTPCall

extension LeafLinkTimestamp: APITimestamp {}
