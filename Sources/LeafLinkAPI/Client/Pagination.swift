import NIOHTTP1

/// One page of a list endpoint: the envelope `{count, next, previous, results}` with each
/// result's exact bytes.
public struct RawPage: Sendable {
    public var count: Int?
    public var next: String?
    public var previous: String?
    public var records: [RawRecord]
    public var response: LeafLinkClient.Response

    /// Splits a list response into records, validating the whole body.
    public init(response: LeafLinkClient.Response) throws {
        self.response = response
        let body = response.body
        func malformed(_ reason: String) -> LeafLinkError {
            .malformedResponse(response.call, reason: reason, body: LeafLinkError.excerpt(body))
        }
        if body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "[") {
            // An endpoint that does not paginate answers a bare array.
            let elements: [Range<Int>]
            do { elements = try JSONParser.scanArray(body) } catch { throw malformed(error.description) }
            records = elements.map { RawRecord(bytes: Array(body[$0]), call: response.call) }
            count = records.count
            return
        }
        let scan: (members: [String: Range<Int>], elements: [Range<Int>]?)
        do { scan = try JSONParser.scanTopLevel(body, arrayKey: "results") } catch {
            throw malformed(error.description)
        }
        guard let elements = scan.elements else { throw malformed("no `results` array") }
        func member(_ key: String) -> JSONValue? {
            scan.members[key].flatMap { try? JSONParser.parse(Array(body[$0])) }
        }
        count = member("count")?.intValue
        next = member("next")?.stringValue
        previous = member("previous")?.stringValue
        records = elements.map { RawRecord(bytes: Array(body[$0]), call: response.call) }
    }
}

extension LeafLinkClient {
    /// Walks a list from the first page, following `next` until it is null, handing each page to
    /// `body` before asking for the next one.
    public func forEachPage(
        _ path: String, query: [(String, String)] = [],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (RawPage) async throws -> Void
    ) async throws {
        var page = try RawPage(response: try await send(.GET, path, query: query + [("limit", String(configuration.pageLimit)), ("offset", "0")]))
        try await body(page)
        var seen: Set<String> = []
        while let next = page.next {
            guard seen.insert(next).inserted else {
                throw LeafLinkError.malformedResponse(page.response.call, reason: "`next` repeats \(next)", body: "")
            }
            page = try RawPage(response: try await send(.GET, next))
            try await body(page)
        }
    }

    /// Every record of a list, in order.
    public func listAll(_ path: String, query: [(String, String)] = []) async throws -> [RawRecord] {
        var all: [RawRecord] = []
        try await forEachPage(path, query: query, isolation: nil) { all += $0.records }
        return all
    }
}
