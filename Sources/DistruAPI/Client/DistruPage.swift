import HTTPClientSupport
import NIOHTTP1

/// One page of a list endpoint: `{"data": [...], "next_page": <URL or null>}` with each
/// record's exact bytes.
public struct DistruPage: Sendable {
    public var records: [DistruRecord]
    /// The next page's URL, to be followed verbatim; nil on the last page.
    public var nextPage: String?
    public var response: DistruClient.Response

    /// Splits a list response into records, validating the whole body.
    public init(response: DistruClient.Response) throws {
        self.response = response
        let body = response.body
        func malformed(_ reason: String) -> DistruError {
            .malformedResponse(response.call, reason: reason, body: DistruError.excerpt(body))
        }
        let scan: (members: [String: Range<Int>], elements: [Range<Int>]?)
        do { scan = try JSONParser.scanTopLevel(body, arrayKey: "data") } catch { throw malformed(error.description) }
        guard let elements = scan.elements else { throw malformed("no `data` array") }
        nextPage = scan.members["next_page"].flatMap { try? JSONParser.parse(Array(body[$0])) }?.stringValue
        records = elements.map { DistruRecord(bytes: Array(body[$0]), call: response.call) }
    }
}

extension DistruClient {
    /// Walks a list from page 1, following `next_page` verbatim until it is null, handing each
    /// page to `body` before asking for the next.
    public func forEachPage(
        _ path: String, query: [(String, String)] = [],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (DistruPage) async throws -> Void
    ) async throws {
        var page = try DistruPage(response: try await send(.GET, path, query: query))
        try await body(page)
        var seen: Set<String> = []
        while let next = page.nextPage {
            guard seen.insert(next).inserted else {
                throw DistruError.malformedResponse(page.response.call, reason: "`next_page` repeats \(next)", body: "")
            }
            page = try DistruPage(response: try await send(.GET, next))
            try await body(page)
        }
    }

    /// Pages of a resource, optionally only records updated at or after `updatedSince`
    /// (`updated_datetime=FROM,`). Resources without that filter are always listed in full.
    public func forEachPage(
        of resource: DistruResource, updatedSince: DistruTimestamp? = nil, filters: [(String, String)] = [],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (DistruPage) async throws -> Void
    ) async throws {
        var query = resource.fixedQuery + filters
        if let updatedSince, resource.supportsUpdatedFilter { query.append(("updated_datetime", updatedSince.text + ",")) }
        try await forEachPage(resource.path, query: query, isolation: isolation, body)
    }

    /// Every record of a resource, in order.
    public func listAll(_ resource: DistruResource, updatedSince: DistruTimestamp? = nil) async throws -> [DistruRecord] {
        var all: [DistruRecord] = []
        try await forEachPage(of: resource, updatedSince: updatedSince, isolation: nil) { all += $0.records }
        return all
    }
}
