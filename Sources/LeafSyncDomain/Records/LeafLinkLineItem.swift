public import Foundation
public import LeafSyncJSON

/// A LeafLink line item (REST `/line-items/` shape, or the webhook's `orderedproduct_set` shape).
public struct LeafLinkLineItem: Equatable, Sendable {
    public var id: Int
    /// The LeafLink product id; the webhook shape has none (only name and SKU).
    public var productID: Int?
    public var productSKU: String?
    /// Units ordered.
    public var quantity: Decimal
    /// Units per case when ordered (sell in multiples); 1 otherwise.
    public let unitMultiplier: Decimal
    /// Price of one sell unit (a case of `unitMultiplier` units).
    public let orderedUnitPrice: Money
    /// When non-zero, the price actually paid per sell unit.
    public let salePrice: Money
    public var isSample: Bool
    public var isMedical: Bool
    public var notes: String?
    public var position: Int?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json["id"]?.int else { throw .missingField(record: "LeafLink line item", field: "id") }
        self.id = id
        productID = json["product"]?.int
        productSKU = json["product"]?["sku"]?.string ?? json["frozen_data"]?["product"]?["sku"]?.string
        guard let quantity = json["quantity"]?.decimal else {
            throw .missingField(record: "LeafLink line item \(id)", field: "quantity")
        }
        self.quantity = quantity
        let multiplierNode = json["unit_multiplier"]
        let multiplier = multiplierNode?.decimal ?? 1
        unitMultiplier = multiplier > 0 ? multiplier : 1
        let orderedNode = json["ordered_unit_price"], saleNode = json["sale_price"]
        orderedUnitPrice = Money(orderedNode?.decimal ?? 0)
        salePrice = Money(saleNode?.decimal ?? 0)
        isSample = json["is_sample"]?.bool ?? false
        isMedical = json["is_medical_line_item"]?.bool ?? false
        notes = json["notes"]?.nonEmptyString
        position = json["position"]?.int
        // Integer arithmetic when both figures are plain text, else `Decimal` division (the same value).
        let priceNode = salePrice.isZero ? orderedNode : saleNode
        let perCase: PlainDecimal? = if let multiplierNode { multiplierNode.plainDecimal } else { .one }
        if let price = priceNode?.plainDecimal, let perCase, multiplier > 0, let fast = Money.dividedRoundingToCent(price, by: perCase) {
            pricePerUnit = fast
        } else {
            pricePerUnit = (salePrice.isZero ? orderedUnitPrice : salePrice).dividedRoundingToCent(by: unitMultiplier)
        }
    }

    /// The price paid per sell unit: the sale price when non-zero, else the ordered unit price.
    public var effectivePrice: Money { salePrice.isZero ? orderedUnitPrice : salePrice }

    /// R-ORD-14: the price of one unit, the sell-unit price divided by the multiplier, half-even
    /// to the cent (computed once, when the line is decoded).
    public let pricePerUnit: Money
}
