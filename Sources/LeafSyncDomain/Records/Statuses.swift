import Foundation
public import LeafSyncJSON

/// LeafLink order status. Unknown values are kept, not rejected.
public enum LeafLinkOrderStatus: Hashable, Sendable, Codable {
    case draft, submitted, accepted, backorder, fulfilled, shipped, complete, rejected, combined, cancelled
    case unknown(String)

    public init(_ raw: String) {
        switch raw.lowercased() {
        case "draft": self = .draft
        case "submitted": self = .submitted
        case "accepted": self = .accepted
        case "backorder", "backordered": self = .backorder
        case "fulfilled": self = .fulfilled
        case "shipped": self = .shipped
        case "complete", "completed": self = .complete
        case "rejected": self = .rejected
        case "combined": self = .combined
        case "cancelled", "canceled": self = .cancelled
        default: self = .unknown(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Submitted"
        case .accepted: "Accepted"
        case .backorder: "Backorder"
        case .fulfilled: "Fulfilled"
        case .shipped: "Shipped"
        case .complete: "Complete"
        case .rejected: "Rejected"
        case .combined: "Combined"
        case .cancelled: "Cancelled"
        case .unknown(let raw): raw
        }
    }

    /// Progress along the forward path (Draft 0 … Complete 5); `nil` for terminal or unknown statuses.
    public var progress: Int? {
        switch self {
        case .draft: 0
        case .submitted: 1
        case .accepted, .backorder: 2
        case .fulfilled: 3
        case .shipped: 4
        case .complete: 5
        default: nil
        }
    }

    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// Distru sales-order status (API values). Unknown values are kept.
public enum DistruOrderStatus: Hashable, Sendable, Codable {
    case pending, processing, readyToShip, delivering, delivered, completed, canceled
    case unknown(String)

    public init(_ raw: String) {
        switch raw.uppercased() {
        case "PENDING": self = .pending
        case "PROCESSING": self = .processing
        case "READY_TO_SHIP": self = .readyToShip
        case "DELIVERING": self = .delivering
        case "DELIVERED": self = .delivered
        case "COMPLETED": self = .completed
        case "CANCELED", "CANCELLED": self = .canceled
        default: self = .unknown(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .pending: "PENDING"
        case .processing: "PROCESSING"
        case .readyToShip: "READY_TO_SHIP"
        case .delivering: "DELIVERING"
        case .delivered: "DELIVERED"
        case .completed: "COMPLETED"
        case .canceled: "CANCELED"
        case .unknown(let raw): raw
        }
    }

    /// Fulfilment progress (PENDING 0 … COMPLETED 5); `nil` for CANCELED and unknown values.
    public var progress: Int? {
        switch self {
        case .pending: 0
        case .processing: 1
        case .readyToShip: 2
        case .delivering: 3
        case .delivered: 4
        case .completed: 5
        default: nil
        }
    }

    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// A LeafLink order transition (`POST /orders-received/{number}/transition/{action}/`).
public enum LeafLinkTransition: String, Hashable, Sendable, Codable, CaseIterable {
    case submit, accept, fulfill, cancel, reject, ship, complete

    /// The lowercase target state LeafLink lists in `available_transitions`.
    public var targetState: String {
        switch self {
        case .submit: "submitted"
        case .accept: "accepted"
        case .fulfill: "fulfilled"
        case .cancel: "cancelled"
        case .reject: "rejected"
        case .ship: "shipped"
        case .complete: "complete"
        }
    }
}

/// LeafLink inventory management mode of a product (1 Managed, 2 Unlimited, 3 Inherited).
public enum InventoryManagement: Hashable, Sendable, Codable {
    case managed, unlimited, inherited
    case unknown(String)

    public init<J: JSONReadable>(json: J?) {
        guard let json else { self = .managed; return }
        switch json.string?.lowercased() ?? "" {
        case "1", "managed": self = .managed
        case "2", "unlimited": self = .unlimited
        case "3", "inherited": self = .inherited
        case let other: self = .unknown(other)
        }
    }

    public var code: Int? {
        switch self {
        case .managed: 1
        case .unlimited: 2
        case .inherited: 3
        case .unknown: nil
        }
    }
}

/// LeafLink unit of measure. R-PRD-06: a Distru unit type LeafLink does not support becomes `Unit`.
public enum LeafLinkUnit: String, Hashable, Sendable, Codable, CaseIterable {
    case milligram = "Milligram", gram = "Gram", kilogram = "Kilogram", ounce = "Ounce", pound = "Pound", unit = "Unit"

    /// The LeafLink unit of a LeafLink product's `unit_of_measure` (unknown ones read as `Unit`).
    public init(leafLink raw: String?) {
        self = LeafLinkUnit.allCases.first { $0.rawValue.lowercased() == raw?.lowercased() } ?? .unit
    }

    /// R-PRD-06: the LeafLink unit for a Distru unit type name. Litres, cartridges and anything
    /// LeafLink does not support map to `Unit`.
    public init(distruUnitType name: String?) {
        let n = (name ?? "").lowercased().trimmingSpaces
        switch n {
        case "mg", "milligram", "milligrams": self = .milligram
        case "g", "gram", "grams": self = .gram
        case "kg", "kilogram", "kilograms": self = .kilogram
        case "oz", "ounce", "ounces": self = .ounce
        case "lb", "lbs", "pound", "pounds": self = .pound
        default: self = .unit
        }
    }
}
