import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    // MARK: - Products

    /// `POST /products/`: every field of v2 `ProductCreate`'s `required` list must be there (a
    /// 400 names each missing one, Django REST style: `{"brand": ["This field is required."]}`),
    /// `seller` is this company, `sku` unique per company, and reference ids (brand, category,
    /// sub_category, license, product_line, strains) must exist when that reference list is
    /// seeded (an empty list accepts any id, for small test seeds).
    func createProduct(_ body: JSONObject) throws(SimError) -> JSONObject {
        var errors = JSONObject()
        for f in ProductCreate.requiredFields {
            switch body[f] {
            case nil: errors[f] = ["This field is required."]
            // LeafLink's own create example sends `"maximum_order": null` (no maximum).
            case .null? where f != "maximum_order": errors[f] = ["This field may not be null."]
            case .string(let s)? where s.isEmpty && f != "description": errors[f] = ["This field may not be blank."]
            default: break
            }
        }
        guard errors.isEmpty else { throw SimError(status: 400, body: .object(errors)) }
        for f in ["seller", "manufacturer", "brand", "category", "sub_category", "license", "unit_denomination"]
        where Self.integer(body[f]) == nil {
            throw .field(f, "Incorrect type. Expected pk value, received \(body[f]!.text).")
        }
        if Self.integer(body["seller"]) != company["id"]?.intValue {
            throw .field("seller", "Invalid pk \"\(body["seller"]!.text)\" - object does not exist.")
        }
        try checkReferences(body)
        let sku = body["sku"]!.stringValue ?? body["sku"]!.text
        if sku.contains(",") { throw .field("sku", "Commas are not supported.") }
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
        if (p["display_name"]?.stringValue ?? "").isEmpty { p["display_name"] = p["name"] }
        put("products", String(id), p)
        refreshProduct(String(id), touch: false)
        queueProductWebhook(String(id), action: "create")
        return get("products", String(id))!
    }

    /// An integer given as a JSON number or as digits in a string (Django REST accepts both).
    static func integer(_ v: JSONValue?) -> Int? { v?.intValue ?? v?.stringValue.flatMap { Int($0) } }

    /// The `unit_denomination` object products are read with.
    static func denomination(_ id: Int) -> JSONValue {
        id == 1 ? ["id": 1, "value": "1.00000", "name": "One", "label": "1"] : ["id": .int(id), "value": nil, "name": nil, "label": nil]
    }

    /// Reference ids must name a seeded record (when the list is seeded at all).
    func checkReferences(_ body: JSONObject) throws(SimError) {
        let tables = [
            ("brand", "brands"), ("category", "product-categories"), ("sub_category", "product-subcategories"),
            ("license", "licenses"), ("product_line", "product-lines"),
        ]
        for (field, table) in tables {
            guard let v = body[field], !v.isNull, !all(table).isEmpty else { continue }
            guard let id = Self.integer(v), get(table, String(id)) != nil else {
                throw .field(field, "Invalid pk \"\(v.text)\" - object does not exist.")
            }
        }
        if let strains = body["strains"]?.arrayValue, !all("strains").isEmpty {
            for s in strains where Self.integer(s).flatMap({ get("strains", String($0)) }) == nil {
                throw .field("strains", "Invalid pk \"\(s.text)\" - object does not exist.")
            }
        }
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
            case "strain_classification":
                let allowed = ["sativa", "indica", "hybrid", "na", "11-cbd", "high-cbd", "sativa-hybrid", "indica-hybrid"]
                guard let s = v.stringValue, allowed.contains(s) else { throw .field(k, "\"\(v.text)\" is not a valid choice.") }
                p[k] = v
            case "inventory_management":
                guard let i = Self.integer(v), (1...3).contains(i) else { throw .field(k, "\"\(v.text)\" is not a valid choice.") }
                p[k] = .int(i)
            case "unit_denomination":
                guard let i = Self.integer(v) else { throw .field(k, "Incorrect type. Expected pk value, received \(v.text).") }
                p[k] = Self.denomination(i)
            case "license":
                guard let i = Self.integer(v) else { p[k] = .null; continue }
                p[k] = get("licenses", String(i)).map { .object($0) } ?? ["id": .int(i)]
            case "manufacturer", "brand", "category", "sub_category", "product_line":
                p[k] = v.isNull ? .null : (Self.integer(v).map { .int($0) } ?? v)
            default:
                p[k] = v
            }
        }
    }
}
