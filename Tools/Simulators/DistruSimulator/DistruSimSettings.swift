/// Page sizes per list endpoint, as Distru fixes them (500 orders, 5000 products and companies,
/// 1000 users and locations). Tests lower them to page through small data.
public struct DistruSimSettings: Sendable, Codable, Equatable {
    public var pageSizes: [String: Int] = [
        "orders": 500, "products": 5000, "companies": 5000, "inventory": 5000,
        "users": 1000, "locations": 1000, "taxes": 1000, "invoices": 500,
    ]

    public init() {}

    /// Every list endpoint with the same page size.
    public static func uniformPageSize(_ n: Int) -> DistruSimSettings {
        var s = DistruSimSettings()
        for k in s.pageSizes.keys { s.pageSizes[k] = n }
        return s
    }

    func pageSize(_ resource: String) -> Int { max(1, pageSizes[resource] ?? 1000) }
}
