/// The list endpoints LeafSync reads, relative to `/public/v1/`.
public enum DistruResource: String, Sendable, CaseIterable, Codable {
    case products
    case inventory
    case orders
    case companies
    case users
    case locations
    case taxes
    case invoices

    public var path: String { rawValue }

    /// Query every call carries (inventory grouped by product and location).
    public var fixedQuery: [(String, String)] {
        self == .inventory ? [("grouping[]", "PRODUCT"), ("grouping[]", "LOCATION")] : []
    }

    /// Whether Distru honours `updated_datetime=FROM,TO` here (elsewhere it is ignored, so the
    /// fetcher lists those in full).
    public var supportsUpdatedFilter: Bool {
        switch self {
        case .products, .orders, .companies, .invoices: true
        case .inventory, .users, .locations, .taxes: false
        }
    }
}
