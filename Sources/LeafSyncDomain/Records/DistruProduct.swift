public import Foundation
public import LeafSyncJSON
public import LeafSyncLog

/// A Distru product (`/products`), decoded tolerantly.
public struct DistruProduct: Equatable, Sendable {
    public var id: String
    public var name: String
    public var sku: String?
    public var description: String?
    public var isActive: Bool
    public var unitTypeName: String?
    /// Distru "Sale Price".
    public var salePrice: Money?
    public var wholesalePrice: Money?
    public var unitsPerCase: Decimal?
    public var quantityAvailable: Decimal?
    public var leafLinkProductID: Int?
    public var updated: String?
    public var updatedAt: Timestamp?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard json.isObject else { throw .wrongShape(record: "Distru product", expected: "a JSON object") }
        guard let id = json["id"]?.idString else { throw .missingField(record: "Distru product", field: "id") }
        self.id = id
        name = json["name"]?.string ?? ""
        sku = json["sku"]?.nonEmptyString
        description = json["description"]?.string
        isActive = json["is_active"]?.bool ?? true
        unitTypeName = json["unit_type"]?["name"]?.string ?? json["unit_type"]?.string
        salePrice = json.first("unit_price", "sale_price")?.decimal.map(Money.init)
        wholesalePrice = json["wholesale_unit_price"]?.decimal.map(Money.init)
        unitsPerCase = json["units_per_case"]?.decimal
        quantityAvailable = json["quantity_available"]?.decimal
        leafLinkProductID = json["leaflink_product_id"]?.int
        updated = json["updated_datetime"]?.string
        updatedAt = updated.flatMap(ISO8601.parse)
    }

    /// R-PRD-06: the LeafLink unit for this product's unit type.
    public var leafLinkUnit: LeafLinkUnit { LeafLinkUnit(distruUnitType: unitTypeName) }
}
