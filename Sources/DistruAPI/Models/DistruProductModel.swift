/// A product (`GET /products`).
public struct DistruProductModel: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var sku: String?
    public var description: String?
    public var isActive: Bool?
    public var unitType: DistruRef?
    /// The sale price.
    public var unitPrice: DistruDecimal?
    public var wholesaleUnitPrice: DistruDecimal?
    public var unitsPerCase: DistruDecimal?
    public var category: DistruRef?
    public var brand: DistruRef?
    public var strain: DistruRef?
    /// PRODUCT, BATCH or PACKAGE.
    public var inventoryTrackingMethod: DistruEnum?
    public var quantityAvailable: DistruDecimal?
    public var leaflinkProductId: DistruID?
    public var updatedDatetime: DistruTimestamp?
}
