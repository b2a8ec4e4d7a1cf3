public import HTTPClientSupport
import LeafSyncJSON
import NIOHTTP1

/// One page of a Metrc v2 list: the records of `Data` with their exact bytes, and where the
/// page stands (`CurrentPage` of `TotalPages`, `TotalRecords` in all).
public struct MetrcPage: Sendable {
    /// The records and the response (shared ``APIPage``).
    public var page: APIPage<MetrcVendor>
    /// 1-based.
    public var currentPage: Int
    public var totalPages: Int
    public var totalRecords: Int?

    public var records: [RawRecord] { page.records }

    /// Splits `response`, reading the envelope's position members (a bare array is one page).
    public init(response: APIResponse<MetrcTimestamp>) throws {
        page = try APIPage(response: response)
        let members = (try? JSONParser.scanTopLevel(response.body, arrayKey: "").members) ?? [:]
        func int(_ key: String) -> Int? { members[key].flatMap { try? JSONParser.parse(Array(response.body[$0])) }?.intValue }
        currentPage = int("CurrentPage") ?? int("Page") ?? 1
        totalPages = int("TotalPages") ?? 1
        totalRecords = int("TotalRecords") ?? int("Total") ?? page.count
    }
}

extension RemoteClient where Vendor == MetrcVendor {
    /// The most records a Metrc list page holds (`pageSize` above it is a 400).
    public static var maximumPageSize: Int { 20 }

    /// Walks a v2 list page by page (`pageNumber` from 1, `pageSize` at most 20) until
    /// `TotalPages`, handing each page to `body` before asking for the next. `licenseNumber`
    /// is sent when given (facility calls need it).
    public func forEachNumberedPage(
        _ path: String, licenseNumber: String? = nil, query: [(String, String)] = [], pageSize: Int = maximumPageSize,
        isolation: isolated (any Actor)? = #isolation, _ body: (MetrcPage) async throws -> Void
    ) async throws {
        let size = min(max(pageSize, 1), Self.maximumPageSize)
        let base = (licenseNumber.map { [("licenseNumber", $0)] } ?? []) + query
        var number = 1
        while true {
            let page = try MetrcPage(
                response: try await send(.GET, path, query: base + [("pageNumber", String(number)), ("pageSize", String(size))]))
            try await body(page)
            guard number < page.totalPages, !page.records.isEmpty else { return }
            number += 1
        }
    }

    /// Every record of a v2 list, in order.
    public func listAllNumbered(_ path: String, licenseNumber: String? = nil, query: [(String, String)] = []) async throws -> [RawRecord] {
        var all: [RawRecord] = []
        try await forEachNumberedPage(path, licenseNumber: licenseNumber, query: query, isolation: nil) { all += $0.records }
        return all
    }
}
