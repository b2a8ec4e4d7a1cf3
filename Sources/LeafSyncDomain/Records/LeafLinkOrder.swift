public import Foundation
public import LeafSyncJSON
public import LeafSyncLog

/// A LeafLink order as fetched from `/orders-received/` (REST shape), decoded tolerantly.
public struct LeafLinkOrder: Equatable, Sendable {
    /// A sales rep attached to the order (`id` is the company-staff id).
    public struct Rep: Equatable, Sendable {
        public var id: Int
        public var name: String?
    }

    public var number: String
    public var shortID: String?
    public var status: LeafLinkOrderStatus
    public var customerID: Int?
    public var customerName: String?
    public var salesReps: [Rep]
    /// Embedded line items (`include_children=line_items`); `nil` when the fetch did not embed them.
    public var lines: [LeafLinkLineItem]?
    public var isCombination: Bool
    public var classification: String?
    public var discount: Decimal
    /// `%` or `$`.
    public var discountType: String
    /// The tax percentage, from `order_taxes[].rate` or `tax_amount` with `tax_type` `%`.
    public var taxPercent: Decimal?
    public var shippingCharge: Money
    public var total: Money?
    /// Credits applied to the order (`credits`, a string total).
    public var credits: Money
    public var notes: String?
    public var internalNotes: String?
    public var modified: String?
    public var modifiedAt: Timestamp?
    public var createdOn: String?
    public var availableTransitions: [String]
    public var shipDate: String?
    public var externalIDSeller: String?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard json.isObject else { throw .wrongShape(record: "LeafLink order", expected: "a JSON object") }
        guard let number = json.first("number", "order_number")?.nonEmptyString else {
            throw .missingField(record: "LeafLink order", field: "number")
        }
        self.number = number
        shortID = json.first("short_id", "order_short_number")?.nonEmptyString
        status = LeafLinkOrderStatus(json["status"]?.string ?? "")
        customerID = json["customer"]?.int
        customerName = json["customer"]?.first("display_name", "name")?.string
        salesReps = (json["sales_reps"]?.array ?? []).compactMap { rep in
            // `{id, user}` (REST) or `{rep: id}` (order-sales-reps) or a bare id.
            guard let id = rep.isObject ? (rep["rep"]?.int ?? rep["id"]?.int) : rep.int else { return nil }
            return Rep(id: id, name: rep.first("user", "display_name", "name")?.string)
        }
        if let items = json.first("line_items", "orderedproduct_set")?.array, items.allSatisfy({ $0.isObject }) {
            var decoded: [LeafLinkLineItem] = []
            for item in items { decoded.append(try LeafLinkLineItem(json: item)) }
            lines = decoded
        } else {
            lines = nil
        }
        isCombination = json["is_combination"]?.bool ?? false
        classification = json["classification"]?.string
        discount = json.first("discount", "discount_amount")?.decimal ?? 0
        discountType = json["discount_type"]?.string ?? "%"
        if let rate = json["order_taxes"]?.array?.compactMap({ $0.first("rate", "percent", "percentage")?.decimal }).first {
            taxPercent = rate
        } else if (json["tax_type"]?.string ?? "%") == "%", let amount = json["tax_amount"]?.decimal, amount != 0 {
            taxPercent = amount
        } else {
            taxPercent = nil
        }
        shippingCharge = Money(json["shipping_charge"]?.decimal ?? 0)
        total = json["total"]?.decimal.map(Money.init)
        credits = Money(json["credits"]?.decimal ?? 0)
        notes = json["notes"]?.nonEmptyString
        internalNotes = json["internal_notes"]?.nonEmptyString
        modified = json["modified"]?.string
        modifiedAt = modified.flatMap(ISO8601.parse)
        createdOn = json["created_on"]?.string
        availableTransitions = (json["available_transitions"]?.array ?? []).compactMap { $0.string?.lowercased() }
        shipDate = json["ship_date"]?.nonEmptyString
        externalIDSeller = json["external_id_seller"]?.nonEmptyString
    }
}
