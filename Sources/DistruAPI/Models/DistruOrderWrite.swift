public import Foundation
import HTTPClientSupport
public import LeafSyncJSON

/// The body of `POST /orders` (`{"order": …}`). Writes are sparse: only the fields set here are
/// sent, and Distru keeps the others. With `id` set, the write updates that order, which must
/// exist; to create under a chosen id use `DistruClient.createOrder(id:_:)` (the id goes in the
/// query, `?id=`, and is left out of the body).
public struct DistruOrderWrite: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var id: String?
        public var productID: String
        public var quantity: Decimal
        public var price: Decimal?
        public var priceBase: Decimal?
        public var locationID: String?
        public var isSample: Bool?
        public var note: String?
        public var leaflinkID: String?

        public init(
            id: String? = nil, productID: String, quantity: Decimal, price: Decimal? = nil, priceBase: Decimal? = nil,
            locationID: String? = nil, isSample: Bool? = nil, note: String? = nil, leaflinkID: String? = nil
        ) {
            self.id = id
            self.productID = productID
            self.quantity = quantity
            self.price = price
            self.priceBase = priceBase
            self.locationID = locationID
            self.isSample = isSample
            self.note = note
            self.leaflinkID = leaflinkID
        }

        var json: JSONValue {
            var o = JSONObject()
            if let id { o["id"] = .string(id) }
            o["product_id"] = .string(productID)
            o["quantity"] = .string(DistruDecimal.text(quantity))
            if let price { o["price"] = .string(DistruDecimal.text(price)) }
            if let priceBase { o["price_base"] = .string(DistruDecimal.text(priceBase)) }
            if let locationID { o["location_id"] = .string(locationID) }
            if let isSample { o["is_sample"] = .bool(isSample) }
            if let note { o["note"] = .string(note) }
            if let leaflinkID { o["leaflink_id"] = .string(leaflinkID) }
            return .object(o)
        }
    }

    public struct Charge: Sendable, Hashable {
        public var name: String
        /// CHARGE or DISCOUNT.
        public var type: String
        /// PERCENT or PRICE.
        public var unitType: String
        public var percent: Decimal?
        public var price: Decimal?
        public var taxID: String?

        public init(name: String, type: String, unitType: String, percent: Decimal? = nil, price: Decimal? = nil, taxID: String? = nil) {
            self.name = name
            self.type = type
            self.unitType = unitType
            self.percent = percent
            self.price = price
            self.taxID = taxID
        }

        var json: JSONValue {
            var o = JSONObject([("name", .string(name)), ("type", .string(type)), ("unit_type", .string(unitType))])
            if let percent { o["percent"] = .string(DistruDecimal.text(percent)) }
            if let price { o["price"] = .string(DistruDecimal.text(price)) }
            if let taxID { o["tax_id"] = .string(taxID) }
            return .object(o)
        }
    }

    public var id: String?
    public var status: SalesOrderStatus?
    public var companyID: String?
    public var ownerID: String?
    public var locationID: String?
    public var billingLocationID: String?
    public var shippingLocationID: String?
    public var orderDatetime: DistruTimestamp?
    /// `.some(nil)` clears the delivery date.
    public var deliveryDatetime: DistruTimestamp??
    public var internalNotes: String?
    public var externalNotes: String?
    /// When set, replaces the order's lines.
    public var items: [Item]?
    public var charges: [Charge]?
    public var leaflinkID: String?
    public var leaflinkOrderNumber: String?
    /// Other fields, sent as given.
    public var extra = JSONObject()

    public init(id: String? = nil) { self.id = id }

    public var json: JSONObject {
        var o = JSONObject()
        if let id { o["id"] = .string(id) }
        if let status { o["status"] = .string(status.rawValue) }
        if let companyID { o["company_id"] = .string(companyID) }
        if let ownerID { o["owner_id"] = .string(ownerID) }
        if let locationID { o["location_id"] = .string(locationID) }
        if let billingLocationID { o["billing_location_id"] = .string(billingLocationID) }
        if let shippingLocationID { o["shipping_location_id"] = .string(shippingLocationID) }
        if let orderDatetime { o["order_datetime"] = .string(orderDatetime.text) }
        if let deliveryDatetime { o["delivery_datetime"] = deliveryDatetime.map { .string($0.text) } ?? .null }
        if let internalNotes { o["internal_notes"] = .string(internalNotes) }
        if let externalNotes { o["external_notes"] = .string(externalNotes) }
        if let items { o["items"] = .array(items.map(\.json)) }
        if let charges { o["charges"] = .array(charges.map(\.json)) }
        if let leaflinkID { o["leaflink_id"] = .string(leaflinkID) }
        if let leaflinkOrderNumber { o["leaflink_order_number"] = .string(leaflinkOrderNumber) }
        for (k, v) in extra { o[k] = v }
        return o
    }
}
