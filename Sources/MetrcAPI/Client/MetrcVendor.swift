public import Foundation
public import HTTPClientSupport
import LeafSyncJSON

/// Metrc API v2 as the shared ``RemoteClient`` sees it: HTTP Basic authentication (user = the
/// integrator's vendor key, password = the licensee's user key), records bare and lists in the
/// `{"Data": […], "TotalPages": …}` envelope paged by `pageNumber` (``MetrcClient`` walks them:
/// there is no next link), and `{"Message": …}` or `[{"row": …, "message": …}]` error bodies.
/// No client-side rate limit: Metrc answers 429 with `Retry-After`, which the core honours.
public enum MetrcVendor: APIVendor {
    public typealias Resource = MetrcResource
    public typealias Timestamp = MetrcTimestamp

    public static let name = "Metrc"
    /// Metrc has one API root per state (`https://api-{state}.metrc.com/`, sandbox
    /// `https://sandbox-api-{state}.metrc.com/`): configure yours; California is the default.
    public static let defaults = APIDefaults(productionURL: "https://api-ca.metrc.com/", authorizationScheme: "Basic")
    /// `next` names a member Metrc never sends: pages are walked by number (``RemoteClient/forEachNumberedPage(_:licenseNumber:query:pageSize:isolation:_:)``).
    public static let envelope = APIEnvelope(list: "Data", next: "NextPage")
    public static let rateLimitAdvice = "Metrc allows 50 GET requests a second per facility and 10 at once; slow down or wait"

    /// Lists a resource; the window (`lastModifiedStart`/`End`) and `licenseNumber` are added by
    /// ``MetrcClient``, which knows the facility and walks 24-hour windows.
    public static func listing(of resource: MetrcResource, since: MetrcTimestamp?) -> (path: String, query: [(String, String)]) {
        (resource.path, since.map { [("lastModifiedStart", $0.text)] } ?? [])
    }

    public static func hint(forStatus status: Int) -> String {
        switch status {
        case 400: "Metrc rejected the request as named above; fix it and resend"
        case 401, 403:
            "check the Metrc vendor key and user key (metrc.vendor_key, metrc.user_key) and that the user key's employee has access to the licence"
        case 404: "the record does not exist in Metrc, or not for this licence"
        case 413: "Metrc takes at most 10 objects per write; send fewer"
        case 500...: "Metrc kept failing; try again later"
        default: "see the body"
        }
    }

    /// The decoder for Metrc's models: its PascalCase members (`ManifestNumber`,
    /// `OriginatingTemplateId`) onto camelCase properties (`manifestNumber`,
    /// `originatingTemplateId`), so the models need no coding keys.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .custom { path in
            let key = path.last?.stringValue ?? ""
            return PascalKey(stringValue: key.prefix(1).lowercased() + key.dropFirst())
        }
        return d
    }

    /// The entries of `{"Message": …}` and of `[{"row": 0, "message": …}]`.
    public static func errorDetails(in body: [UInt8]) -> [APIErrorDetail] {
        guard let json = try? JSONParser.parse(body) else { return [] }
        if let rows = json.arrayValue {
            return rows.map { r in
                APIErrorDetail(
                    message: (r["message"] ?? r["Message"])?.stringValue ?? r.text,
                    pointer: (r["row"] ?? r["Row"]).flatMap { RawRecord.text($0) }.map { ["row", $0] } ?? [])
            }
        }
        return (json["Message"] ?? json["message"])?.stringValue.map { [APIErrorDetail(message: $0)] } ?? []
    }
}

/// The Metrc client: the shared core with Metrc's endpoints (``MetrcVendor``).
public typealias MetrcClient = RemoteClient<MetrcVendor>
/// How a ``MetrcClient`` reaches Metrc and how hard it tries; build it with
/// ``APIConfiguration/init(baseURL:vendorKey:userKey:)``.
public typealias MetrcConfiguration = APIConfiguration<MetrcVendor>
/// Where the next incremental fetch of Metrc transfers starts (`lastModifiedStart`).
public typealias MetrcFetchCursor = FetchCursor<MetrcResource, MetrcTimestamp>
/// What the Metrc client throws (the shared ``APIError``).
public typealias MetrcError = APIError

extension APIConfiguration where Vendor == MetrcVendor {
    /// A configuration for HTTP Basic with the integrator's `vendorKey` (user) and the
    /// licensee's `userKey` (password). Neither is ever logged or put in an error: the
    /// configuration's description redacts them.
    ///
    /// ```swift
    /// let config = MetrcConfiguration(baseURL: "https://sandbox-api-ca.metrc.com/", vendorKey: v, userKey: u)
    /// let client = MetrcClient(configuration: config)
    /// ```
    public init(baseURL: String = MetrcVendor.defaults.productionURL, vendorKey: String, userKey: String) {
        self.init(baseURL: baseURL, apiKey: Data("\(vendorKey):\(userKey)".utf8).base64EncodedString())
    }
}

extension MetrcTimestamp: APITimestamp {}

/// A member name as ``MetrcVendor/decoder`` rewrites it.
struct PascalKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension RawRecord {
    /// The record decoded as a Metrc model (``MetrcVendor/decoder``), with its bytes.
    public func metrcModel<T: Decodable & Sendable>(_ type: T.Type = T.self) throws -> Fetched<T> {
        Fetched(value: try decode(T.self, using: MetrcVendor.decoder), raw: self)
    }
}
