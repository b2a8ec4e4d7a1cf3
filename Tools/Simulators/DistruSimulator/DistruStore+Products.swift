import DistruAPI
import Foundation
public import LeafSyncJSON

/// Product upserts: `POST /products {"product": …}`, sparse, with client-chosen ids.
extension DistruStore {
    static let trackingMethods: Set<String> = ["PRODUCT", "BATCH", "PACKAGE"]

    /// Creates or updates a product (which one: ``writeTarget(_:body:queryID:)``). `sale_price`
    /// and `wholesale_price` (the Python SDK's names) are taken for `unit_price` and
    /// `wholesale_unit_price`. Deactivation is written `is_inactive` and read back as
    /// `is_active`; an `is_active` in a write is not a write field and is ignored, as Distru
    /// ignores fields it does not know.
    public func upsertProduct(_ b: JSONObject, id queryID: String? = nil) throws(DistruSimError) -> JSONObject {
        let id = try writeTarget("products", body: b, queryID: queryID)
        let before = tables["products"]?[id]
        var p =
            before
            ?? JSONObject([
                ("id", .string(id)), ("name", .null), ("sku", .null), ("description", .null), ("is_active", true),
                ("unit_type", ["id": 3, "name": "Each"]), ("unit_price", .null), ("wholesale_unit_price", .null),
                ("units_per_case", .null), ("category", .null), ("brand", .null), ("strain", .null),
                ("inventory_tracking_method", "PRODUCT"), ("quantity_available", "0.000000"),
                ("leaflink_product_id", .null), ("updated_datetime", .null),
            ])
        for key in ["name", "sku", "description"] where b[key] != nil {
            guard b[key] == .null || b[key]?.stringValue != nil else { throw .invalid("must be a string", .string(key)) }
            p[key] = b[key]
        }
        if let v = b["is_inactive"] {
            guard let inactive = v.boolValue else { throw .invalid("must be a boolean", "is_inactive") }
            p["is_active"] = .bool(!inactive)
        }
        for (key, aliases) in [("unit_price", ["sale_price"]), ("wholesale_unit_price", ["wholesale_price"]), ("units_per_case", [])] {
            guard let (given, v) = ([key] + aliases).lazy.compactMap({ k in b[k].map { (k, $0) } }).first else { continue }
            if v == .null { p[key] = .null; continue }
            guard let d = W.dec(v) else { throw .invalid("is not a valid decimal", .string(given)) }
            guard d >= 0 else { throw .invalid("must be greater than or equal to 0", .string(given)) }
            p[key] = W.text(d)
        }
        if let v = b["inventory_tracking_method"] {
            guard let m = v.stringValue, Self.trackingMethods.contains(m) else {
                throw .invalid("must be one of PRODUCT, BATCH, PACKAGE", "inventory_tracking_method")
            }
            p["inventory_tracking_method"] = .string(m)
        }
        if let v = b["unit_type_id"] { p["unit_type"] = .object(JSONObject([("id", v), ("name", "Each")])) }
        if let v = b["leaflink_product_id"] { p["leaflink_product_id"] = v }
        for key in ["category", "brand", "strain"] where b[key] != nil { p[key] = b[key] }
        guard p["name"]?.stringValue?.isEmpty == false else { throw .invalid("can't be blank", "name") }
        p["updated_datetime"] = tick()
        tables["products", default: Table()][id] = p
        notify("PRODUCT", before == nil ? "CREATE" : "UPDATE", id: id, before: before, after: p)
        return rendered("products", p)
    }
}
