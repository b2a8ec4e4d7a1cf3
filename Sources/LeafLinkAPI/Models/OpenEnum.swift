/// A string enum that keeps values it does not know (`case unknown(String)`) instead of failing,
/// so a new LeafLink status or type never breaks decoding.
///
/// Conforming enums must write `rawValue` as a `switch` (the standard library's `==` for
/// `RawRepresentable` goes through `rawValue`, so looking a case up with `==` would recurse).
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable where RawValue == String {
    init(rawValue: String)
}

extension OpenEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The action of `POST /orders-received/{number}/transition/{action}/`.
public enum OrderTransition: String, Sendable, CaseIterable {
    case submit, accept, backorder, fulfill, ship, complete, reject, cancel
}

/// `payment_type` of an order payment.
public enum PaymentType: OpenEnum {
    case other, cash, check, credit, trade, ach, wire, cashier
    case unknown(String)
    static let all: [PaymentType] = [.other, .cash, .check, .credit, .trade, .ach, .wire, .cashier]
    public init(rawValue: String) {
        self = Self.all.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }
    public var rawValue: String {
        switch self {
        case .other: "other"
        case .cash: "cash"
        case .check: "check"
        case .credit: "credit"
        case .trade: "trade"
        case .ach: "ach"
        case .wire: "wire"
        case .cashier: "cashier"
        case .unknown(let s): s
        }
    }
}

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

/// A credit's `status`.
public enum CreditStatus: OpenEnum {
    case active, used, cancelled
    case unknown(String)
    public init(rawValue: String) {
        switch rawValue {
        case "active": self = .active
        case "used": self = .used
        case "cancelled": self = .cancelled
        default: self = .unknown(rawValue)
        }
    }
    public var rawValue: String {
        switch self {
        case .active: "active"
        case .used: "used"
        case .cancelled: "cancelled"
        case .unknown(let s): s
        }
    }
}
