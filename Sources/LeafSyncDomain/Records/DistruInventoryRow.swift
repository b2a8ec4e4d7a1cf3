public import Foundation
public import LeafSyncJSON

/// One Distru inventory row, grouped by product and location.
public struct DistruInventoryRow: Equatable, Sendable {
    public var productID: String
    public var locationID: String
    public var active: Decimal
    /// Active − reserved; may be negative.
    public var available: Decimal
    public var reserved: Decimal

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let p = json["product_id"]?.idString ?? json["product"]?.idString else {
            throw .missingField(record: "Distru inventory row", field: "product_id")
        }
        guard let l = json["location_id"]?.idString ?? json["location"]?.idString else {
            throw .missingField(record: "Distru inventory row", field: "location_id")
        }
        productID = p
        locationID = l
        active = json["active"]?.decimal ?? 0
        reserved = json["reserved"]?.decimal ?? 0
        available = json["available"]?.decimal ?? (active - reserved)
    }
}
