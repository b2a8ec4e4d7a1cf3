import Foundation
import LeafLinkAPI
import LeafSyncDomain
import LeafSyncJSON

/// Request bodies made from the domain's product drafts and changes (R-PRD-05/07).
enum LeafLinkProductBody {
    /// `POST /products/` for a draft.
    static func create(_ draft: LeafLinkProductDraft) -> ProductCreate {
        var body = ProductCreate(name: draft.name, sku: draft.sku ?? "", wholesalePrice: draft.wholesalePrice?.amount ?? 0)
        body.unitOfMeasure = draft.unit.rawValue
        if let description = draft.description { body.description = description }
        body.brand = draft.brandID
        body.category = draft.categoryID
        for (k, v) in fields(draft.fields) where !["sku", "description", "brand", "category", "wholesale_price"].contains(k) { body.extra[k] = v }
        body.extra["show_quantity"] = .bool(draft.showInventoryToBuyers)
        if let code = draft.inventoryManagement.code { body.extra["inventory_management"] = .int(code) }
        if !draft.strainIDs.isEmpty { body.extra["strains"] = .array(draft.strainIDs.map { .int($0) }) }
        if draft.sellInMultiples {
            body.extra["sell_in_unit_of_measure"] = "Case"
            if let n = draft.unitsPerCase { body.unitMultiplier = NSDecimalNumber(decimal: n).intValue }
        }
        return body
    }

    /// `PATCH /products/{id}/` for changed fields; nil fields are not sent.
    static func patch(_ changes: LeafLinkProductChanges) -> JSONObject {
        var o = JSONObject()
        if let settings = changes.settings {
            o = fields(settings.fields)
            if let show = settings.showInventoryToBuyers { o["show_quantity"] = .bool(show) }
            if let code = settings.inventoryManagement { o["inventory_management"] = .int(code) }
            if let strains = settings.strainIDs { o["strains"] = .array(strains.map { .int($0) }) }
        }
        if let name = changes.name { o["name"] = .string(name) }
        if let sku = changes.sku { o["sku"] = .string(sku) }
        if let description = changes.description { o["description"] = .string(description) }
        if let unit = changes.unit { o["unit_of_measure"] = .string(unit.rawValue) }
        if let price = changes.wholesalePrice { o["wholesale_price"] = money(price) }
        return o
    }

    /// The optional fields an operator set, as LeafLink names them.
    static func fields(_ f: LeafLinkProductFields) -> JSONObject {
        var o = JSONObject()
        if let v = f.sku { o["sku"] = .string(v) }
        if let v = f.description { o["description"] = .string(v) }
        if let v = f.licenseID { o["license"] = .int(v) }
        if let v = f.brandID { o["brand"] = .int(v) }
        if let v = f.productLineID { o["product_line"] = .int(v) }
        if let v = f.categoryID { o["category"] = .int(v) }
        if let v = f.subcategoryID { o["sub_category"] = .int(v) }
        if let v = f.wholesalePrice { o["wholesale_price"] = money(v) }
        if let v = f.salePrice { o["sale_price"] = money(v) }
        if let v = f.retailPrice { o["retail_price"] = money(v) }
        if let v = f.minimumOrder { o["minimum_order"] = .string(LeafLinkClient.quantityText(v)) }
        if let v = f.maximumOrder { o["maximum_order"] = .string(LeafLinkClient.quantityText(v)) }
        if let v = f.strainClassification { o["strain_classification"] = .string(v) }
        if let v = f.unitsPerCase { o["unit_multiplier"] = .number(DecimalText.plain(v)) }
        return o
    }

    static func money(_ m: Money) -> JSONValue { .object(["amount": .number(DecimalText.plain(m.amount)), "currency": "USD"]) }

    /// The text an LL payment carries so a later attempt can find it: the command key.
    static func paymentMarker(_ key: String) -> String { "LeafSync \(key)" }
}
