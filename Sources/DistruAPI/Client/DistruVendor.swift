public import HTTPClientSupport
import LeafSyncJSON

/// Distru public API v1 as the shared ``RemoteClient`` sees it: `Bearer <key>`
/// authentication, `{"data": …}` records and `{"data": […], "next_page": …}` pages, `,` and `:`
/// literal in queries (`updated_datetime=FROM,TO`), and `{"errors": [{message, pointer}]}`
/// error bodies. No client-side rate limit: Distru answers 429 with `Retry-After`.
public enum DistruVendor: APIVendor {
    public typealias Resource = DistruResource
    public typealias Timestamp = DistruTimestamp

    public static let name = "Distru"
    public static let defaults = APIDefaults(productionURL: "https://app.distru.com/public/v1/", authorizationScheme: "Bearer")
    public static let envelope = APIEnvelope(list: "data", next: "next_page", record: "data")
    public static var queryLiterals: Set<UInt8> { [UInt8(ascii: ","), UInt8(ascii: ":")] }
    public static let rateLimitAdvice = "slow down or wait"

    /// `updated_datetime=FROM,` where Distru honours it; inventory grouped by product and location.
    public static func listing(of resource: DistruResource, since: DistruTimestamp?) -> (path: String, query: [(String, String)]) {
        var query = resource.fixedQuery
        if let since, resource.supportsUpdatedFilter { query.append(("updated_datetime", since.text + ",")) }
        return (resource.path, query)
    }

    public static func hint(forStatus status: Int) -> String {
        switch status {
        case 400, 422: "Distru rejected the fields named above; fix them and resend"
        case 401, 403: "check the Distru API key (Settings → API) and its permissions"
        case 404: "the record does not exist or was deleted in Distru"
        case 500...: "Distru kept failing; try again later"
        default: "see the body"
        }
    }

    /// The entries of `{"errors": [{"message": …, "pointer": ["items", 0, "quantity"]}]}`.
    public static func errorDetails(in body: [UInt8]) -> [APIErrorDetail] {
        guard let json = try? JSONParser.parse(body), let errors = json["errors"]?.arrayValue else { return [] }
        return errors.map { e in
            let pointer = (e["pointer"]?.arrayValue ?? []).map { RawRecord.text($0) ?? $0.text }
            return APIErrorDetail(message: e["message"]?.stringValue ?? e.text, pointer: pointer)
        }
    }
}

/// The Distru client: the shared core with Distru's endpoints (``DistruVendor``).
public typealias DistruClient = RemoteClient<DistruVendor>
/// How a ``DistruClient`` reaches Distru and how hard it tries.
public typealias DistruConfiguration = APIConfiguration<DistruVendor>
/// One page of a Distru list.
public typealias DistruPage = APIPage<DistruVendor>
/// Where the next incremental fetch of a Distru resource starts (`updated_datetime`).
public typealias DistruFetchCursor = FetchCursor<DistruResource, DistruTimestamp>
/// One Distru record exactly as sent.
public typealias DistruRecord = RawRecord
/// A decoded Distru record with its bytes.
public typealias DistruFetched<Value: Sendable> = Fetched<Value>
/// What the Distru client throws (the shared ``APIError``); ``APIError/details`` holds
/// Distru's `{message, pointer}` entries.
public typealias DistruError = APIError
/// One entry of Distru's error body.
public typealias DistruErrorDetail = APIErrorDetail
/// One Distru call as it appears in errors and logs.
public typealias DistruCall = HTTPCall

extension DistruTimestamp: APITimestamp {}
