/// A Distru sales-order status. The seven known values are constants; anything else Distru
/// may add later is kept as sent.
public struct SalesOrderStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending = SalesOrderStatus(rawValue: "PENDING")
    public static let processing = SalesOrderStatus(rawValue: "PROCESSING")
    public static let readyToShip = SalesOrderStatus(rawValue: "READY_TO_SHIP")
    public static let delivering = SalesOrderStatus(rawValue: "DELIVERING")
    public static let delivered = SalesOrderStatus(rawValue: "DELIVERED")
    public static let completed = SalesOrderStatus(rawValue: "COMPLETED")
    /// One L, as Distru spells it.
    public static let canceled = SalesOrderStatus(rawValue: "CANCELED")

    /// The seven statuses in workflow order (CANCELED last).
    public static let known: [SalesOrderStatus] = [.pending, .processing, .readyToShip, .delivering, .delivered, .completed, .canceled]

    public var isKnown: Bool { Self.known.contains(self) }

    /// PROCESSING and READY_TO_SHIP hold stock as reserved.
    public var reservesStock: Bool { self == .processing || self == .readyToShip }
    /// DELIVERING and later have taken the stock out of the warehouse.
    public var hasShipped: Bool { self == .delivering || self == .delivered || self == .completed }
    /// READY_TO_SHIP and later need every line fulfilled.
    public var needsFulfilledLines: Bool { self == .readyToShip || hasShipped }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
}
