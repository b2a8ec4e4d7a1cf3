public import Foundation
import HTTPClientSupport
public import LeafSyncJSON

/// The body of `POST /products` (`{"product": …}`), sparse like orders: only the fields set here
/// are sent. With `id` set the write updates that product (which must exist).
public struct DistruProductWrite: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var sku: String?
    public var description: String?
    /// `true` deactivates the product, `false` reactivates it. Distru writes this as
    /// `is_inactive` and reads it back as `is_active` (the opposite); it ignores an `is_active`
    /// in a write.
    public var isInactive: Bool?
    /// The sale price.
    public var unitPrice: Decimal?
    public var wholesaleUnitPrice: Decimal?
    public var unitsPerCase: Decimal?
    /// PRODUCT, BATCH or PACKAGE.
    public var inventoryTrackingMethod: String?
    public var leaflinkProductID: String?
    public var extra = JSONObject()

    public init(id: String? = nil) { self.id = id }

    public var json: JSONObject {
        var o = JSONObject()
        if let id { o["id"] = .string(id) }
        if let name { o["name"] = .string(name) }
        if let sku { o["sku"] = .string(sku) }
        if let description { o["description"] = .string(description) }
        if let isInactive { o["is_inactive"] = .bool(isInactive) }
        if let unitPrice { o["unit_price"] = .string(DistruDecimal.text(unitPrice)) }
        if let wholesaleUnitPrice { o["wholesale_unit_price"] = .string(DistruDecimal.text(wholesaleUnitPrice)) }
        if let unitsPerCase { o["units_per_case"] = .string(DistruDecimal.text(unitsPerCase)) }
        if let inventoryTrackingMethod { o["inventory_tracking_method"] = .string(inventoryTrackingMethod) }
        if let leaflinkProductID {
            o["leaflink_product_id"] = Int(leaflinkProductID).map { .int($0) } ?? .string(leaflinkProductID)
        }
        for (k, v) in extra { o[k] = v }
        return o
    }
}
