/// One row of `GET /inventory?grouping[]=PRODUCT&grouping[]=LOCATION`.
public struct DistruInventoryRowModel: Sendable, Hashable, Codable {
    public var productId: DistruID
    public var locationId: DistruID
    public var active: DistruDecimal
    /// `active − reserved`; may be negative.
    public var available: DistruDecimal
    public var reserved: DistruDecimal
}
