/// A product's `listing_state`.
public enum ListingState: OpenEnum {
    case available, archived, sample, backorder, `internal`, unavailable
    case unknown(String)
    static let all: [(String, ListingState)] = [
        ("Available", .available), ("Archived", .archived), ("Sample", .sample), ("Backorder", .backorder),
        ("Internal", .internal), ("Unavailable", .unavailable),
    ]
    public init(rawValue: String) { self = Self.all.first { $0.0 == rawValue }?.1 ?? .unknown(rawValue) }
    public var rawValue: String {
        switch self {
        case .available: "Available"
        case .archived: "Archived"
        case .sample: "Sample"
        case .backorder: "Backorder"
        case .internal: "Internal"
        case .unavailable: "Unavailable"
        case .unknown(let s): s
        }
    }
}
