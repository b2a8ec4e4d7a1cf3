import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    // MARK: - Products

    /// `POST /products/`: requires `name`, `sku` (unique per company) and `wholesale_price`.
    func createProduct(_ body: JSONObject) throws(SimError) -> JSONObject {
        for f in ["name", "sku"] where (body[f]?.stringValue ?? "").isEmpty { throw .field(f, "This field is required.") }
        guard body["wholesale_price"] != nil else { throw .field("wholesale_price", "This field is required.") }
        let sku = body["sku"]!.stringValue!
        if all("products").contains(where: { $0["sku"]?.stringValue == sku }) {
            throw .field("sku", "Product with this SKU already exists for this company.")
        }
        let id = newID()
        let stamp = now()
        var p = Templates.product
        try applyProductFields(&p, body)
        p["id"] = .int(id)
        p["created_on"] = .string(stamp)
        p["last_edit"] = .string(stamp)
        p["modified"] = .string(stamp)
        p["seller"] = company["id"] ?? 0
        p["manufacturer"] = company["id"] ?? 0
        if (p["display_name"]?.stringValue ?? "").isEmpty { p["display_name"] = p["name"] }
        put("products", String(id), p)
        refreshProduct(String(id), touch: false)
        queueProductWebhook(String(id), action: "create")
        return get("products", String(id))!
    }

    /// `PATCH /products/{id}/`; `quantity` sets on-hand inventory.
    func patchProduct(_ id: String, _ body: JSONObject) throws(SimError) -> JSONObject {
        var p = try require("products", id)
        if let sku = body["sku"]?.stringValue, sku != p["sku"]?.stringValue,
            all("products").contains(where: { $0["sku"]?.stringValue == sku })
        {
            throw .field("sku", "Product with this SKU already exists for this company.")
        }
        try applyProductFields(&p, body)
        p["last_edit"] = .string(now())
        put("products", id, p)
        refreshProduct(id)
        queueProductWebhook(id, action: "edit")
        return get("products", id)!
    }

    /// `DELETE /products/{id}/` archives.
    func archiveProduct(_ id: String) throws(SimError) -> JSONObject {
        var p = try require("products", id)
        p["listing_state"] = "Archived"
        p["display_listing_state"] = "Archived"
        put("products", id, p)
        refreshProduct(id)
        queueProductWebhook(id, action: "edit")
        return get("products", id)!
    }

    func applyProductFields(_ p: inout JSONObject, _ body: JSONObject) throws(SimError) {
        let readOnly: Set<String> = [
            "id", "created_on", "modified", "last_edit", "reserved_qty", "available_inventory", "seller", "children_count",
        ]
        for (k, v) in body where !readOnly.contains(k) && Templates.product[k] != nil {
            switch k {
            case "quantity", "minimum_order", "maximum_order":
                if v.isNull && k != "quantity" { p[k] = .null; continue }
                guard let d = Dec.from(v) else { throw .field(k, "A valid number is required.") }
                if k == "quantity", d < 0 { throw .field(k, "Ensure this value is greater than or equal to 0.") }
                p[k] = .string(Dec.fixed(d, 4))
            case "wholesale_price", "retail_price", "sale_price":
                guard let d = Dec.from(v) else { throw .field(k, "A valid number is required.") }
                p[k] = Dec.money(d)
            case "listing_state":
                let allowed = ["Available", "Archived", "Sample", "Backorder", "Internal", "Unavailable"]
                guard let s = v.stringValue, allowed.contains(s) else { throw .field(k, "\"\(v.text)\" is not a valid choice.") }
                p[k] = v
                p["display_listing_state"] = v
            case "unit_of_measure":
                let allowed = ["Milligram", "Gram", "Kilogram", "Ounce", "Pound", "Unit", "Liter", "Milliliter"]
                guard let s = v.stringValue, allowed.contains(s) else { throw .field(k, "\"\(v.text)\" is not a valid choice.") }
                p[k] = v
            default:
                p[k] = v
            }
        }
    }
}
