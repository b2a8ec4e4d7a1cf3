import Foundation
import LeafLinkAPI
import LeafSyncDomain
import LeafSyncJSON

/// Request bodies made from the domain's product drafts and changes (R-PRD-05/07).
enum LeafLinkProductBody {
    /// `POST /products/` for a draft, for the seller company `seller`. LeafLink requires a brand,
    /// category, sub-category and licence on every product; a draft without them cannot be sent,
    /// and the error says where to set them.
    static func create(_ draft: LeafLinkProductDraft, seller: Int) throws -> ProductCreate {
        let missing = [("brand", draft.brandID), ("category", draft.categoryID), ("sub-category", draft.subcategoryID), ("licence", draft.licenseID)]
            .filter { $0.1 == nil }.map(\.0)
        guard let brand = draft.brandID, let category = draft.categoryID, let subCategory = draft.subcategoryID,
            let license = draft.licenseID
        else {
            throw AttemptFailure(
                kind: "invalidRequest",
                message: "LeafLink requires a \(missing.joined(separator: ", ")) on every product: set them in the product's LeafLink fields (R-PRD-05) and retry the command",
                retryable: false)
        }
        var body = ProductCreate(
            name: draft.name, sku: draft.sku ?? "", wholesalePrice: draft.wholesalePrice?.amount ?? 0, seller: seller, brand: brand,
            category: category, subCategory: subCategory, license: license)
        body.description = draft.description
        body.unitOfMeasure = draft.unit.rawValue
        body.retailPrice = draft.retailPrice?.amount ?? 0
        body.salePrice = draft.salePrice?.amount ?? 0
        if let v = draft.minimumOrder { body.minimumOrder = v }
        if let v = draft.maximumOrder { body.maximumOrder = v }
        if let v = draft.strainClassification { body.strainClassification = v }
        if let code = draft.inventoryManagement.code { body.inventoryManagement = code }
        body.productLine = draft.productLineID
        body.strains = draft.strainIDs.isEmpty ? nil : draft.strainIDs
        body.showQuantity = draft.showInventoryToBuyers
        if draft.sellInMultiples, let n = draft.unitsPerCase { body.unitMultiplier = NSDecimalNumber(decimal: n).intValue }
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
}
