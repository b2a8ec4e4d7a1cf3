import LeafSyncJSON
import NIOHTTP1

/// One page of a list endpoint, with each record's exact bytes: the vendor's envelope
/// (`{"results": […], "next": …, "count": …}` for LeafLink, `{"data": […], "next_page": …}` for
/// Distru), or a bare array for an endpoint that does not paginate.
public struct APIPage<Vendor: APIVendor>: Sendable {
    public var records: [RawRecord]
    /// The next page's URL, followed verbatim; nil on the last page.
    public var next: String?
    /// The total the envelope announces, when it does (a bare array: its length).
    public var count: Int?
    public var response: APIResponse<Vendor.Timestamp>

    /// Splits a list response into records, validating the whole body.
    public init(response: APIResponse<Vendor.Timestamp>) throws {
        self.response = response
        let body = response.body
        func malformed(_ reason: String) -> APIError { .malformedResponse(response.call, reason: reason, body: body) }
        if body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "[") {
            let elements: [Range<Int>]
            do { elements = try JSONParser.scanArray(body) } catch { throw malformed(error.description) }
            records = elements.map { RawRecord(bytes: Array(body[$0]), call: response.call) }
            count = records.count
            return
        }
        let scan: (members: [String: Range<Int>], elements: [Range<Int>]?)
        do { scan = try JSONParser.scanTopLevel(body, arrayKey: Vendor.envelope.list) } catch { throw malformed(error.description) }
        guard let elements = scan.elements else { throw malformed("no `\(Vendor.envelope.list)` array") }
        func member(_ key: String) -> JSONValue? { scan.members[key].flatMap { try? JSONParser.parse(Array(body[$0])) } }
        count = member("count")?.intValue
        next = member(Vendor.envelope.next)?.stringValue
        records = elements.map { RawRecord(bytes: Array(body[$0]), call: response.call) }
    }
}

extension RemoteClient {
    /// Walks a list from the first page (with `limit` and `offset=0` when the configuration has
    /// a page limit), following the next link verbatim until it is null, handing each page to
    /// `body` before asking for the next. A next link seen twice is a malformed response.
    public func forEachPage(
        _ path: String, query: [(String, String)] = [], isolation: isolated (any Actor)? = #isolation,
        _ body: (Page) async throws -> Void
    ) async throws {
        let paging = configuration.pageLimit.map { [("limit", String($0)), ("offset", "0")] } ?? []
        var page = try Page(response: try await send(.GET, path, query: query + paging))
        try await body(page)
        var seen: Set<String> = []
        while let next = page.next {
            guard seen.insert(next).inserted else {
                throw APIError.malformedResponse(page.response.call, reason: "`\(Vendor.envelope.next)` repeats \(next)", body: [])
            }
            page = try Page(response: try await send(.GET, next))
            try await body(page)
        }
    }

    /// Pages of a resource, only records changed at or after `since` when given (and the
    /// vendor filters that resource), with `filters` added to the query.
    public func forEachPage(
        of resource: Vendor.Resource, since: Vendor.Timestamp? = nil, filters: [(String, String)] = [],
        isolation: isolated (any Actor)? = #isolation, _ body: (Page) async throws -> Void
    ) async throws {
        let listing = Vendor.listing(of: resource, since: since)
        try await forEachPage(listing.path, query: filters + listing.query, isolation: isolation, body)
    }

    /// Every record of a list, in order.
    public func listAll(_ path: String, query: [(String, String)] = []) async throws -> [RawRecord] {
        var all: [RawRecord] = []
        try await forEachPage(path, query: query, isolation: nil) { all += $0.records }
        return all
    }

    /// Every record of a resource (changed since `since`, when given), in order.
    public func listAll(_ resource: Vendor.Resource, since: Vendor.Timestamp? = nil) async throws -> [RawRecord] {
        var all: [RawRecord] = []
        try await forEachPage(of: resource, since: since, isolation: nil) { all += $0.records }
        return all
    }
}
