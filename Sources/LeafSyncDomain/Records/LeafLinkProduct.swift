public import Foundation
public import LeafSyncJSON
public import LeafSyncLog

/// A LeafLink product (`/products/`), decoded tolerantly.
public struct LeafLinkProduct: Equatable, Sendable {
    public var id: Int
    public var name: String
    public var sku: String?
    public var description: String?
    public var unit: LeafLinkUnit
    /// `Case` when sold in multiples.
    public var sellInUnitOfMeasure: String?
    /// Units per case; 1 when not sold in multiples.
    public var unitMultiplier: Decimal
    public var wholesalePrice: Money
    public var salePrice: Money
    public var retailPrice: Money?
    public var inventoryManagement: InventoryManagement
    public var quantity: Decimal?
    public var reservedQuantity: Decimal?
    public var listingState: String?
    public var modified: String?
    public var modifiedAt: Timestamp?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard json.isObject else { throw .wrongShape(record: "LeafLink product", expected: "a JSON object") }
        guard let id = json["id"]?.int else { throw .missingField(record: "LeafLink product", field: "id") }
        self.id = id
        name = json.first("name", "display_name")?.string ?? ""
        sku = json["sku"]?.nonEmptyString
        description = json["description"]?.string
        unit = LeafLinkUnit(leafLink: json["unit_of_measure"]?.string)
        sellInUnitOfMeasure = json["sell_in_unit_of_measure"]?.string
        let multiplier = json["unit_multiplier"]?.decimal ?? 1
        unitMultiplier = multiplier > 0 ? multiplier : 1
        wholesalePrice = Money(json["wholesale_price"]?.decimal ?? 0)
        salePrice = Money(json["sale_price"]?.decimal ?? 0)
        retailPrice = json["retail_price"]?.decimal.map(Money.init)
        inventoryManagement = InventoryManagement(json: json["inventory_management"])
        quantity = json["quantity"]?.decimal
        reservedQuantity = json["reserved_qty"]?.decimal
        listingState = json["listing_state"]?.string
        modified = json.first("modified", "last_edit")?.string
        modifiedAt = modified.flatMap(ISO8601.parse)
    }

    /// R-PRC-02: units per case used to price a case.
    public var unitsPerCase: Decimal { unitMultiplier }
}
