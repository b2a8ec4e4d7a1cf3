public import Foundation
public import LeafSyncJSON
import LeafSyncLog

/// A Distru sales order (`/orders`), decoded tolerantly.
public struct DistruOrder: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var id: String?
        public var productID: String?
        public var quantity: Decimal
        public var price: Money?
        public var batchID: String?
        public var packageLabel: String?
        public var leafLinkLineID: Int?

        /// Fulfilled (partly or fully) once a batch or a package is assigned.
        public var isFulfilled: Bool { batchID != nil || packageLabel != nil }
    }

    public var id: String
    public var orderNumber: String?
    public var status: DistruOrderStatus
    public var companyID: String?
    public var locationID: String?
    public var ownerID: String?
    public var deliveryDatetime: String?
    /// `order_datetime`: when the order was placed (R-MTC-02's date window without a delivery date).
    public var orderDatetime: String?
    public var items: [Item]
    public var leafLinkOrderNumber: String?
    public var metrcTransferID: String?
    public var updated: String?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        let json = json.unwrappingData
        guard json.isObject else { throw .wrongShape(record: "Distru sales order", expected: "a JSON object") }
        guard let id = json["id"]?.idString else { throw .missingField(record: "Distru sales order", field: "id") }
        self.id = id
        orderNumber = json["order_number"]?.string
        status = DistruOrderStatus(json["status"]?.string ?? "")
        companyID = json.first("company", "company_id")?.idString
        locationID = json.first("location", "location_id")?.idString
        ownerID = json.first("owner", "owner_id")?.idString
        deliveryDatetime = json["delivery_datetime"]?.nonEmptyString
        orderDatetime = json["order_datetime"]?.nonEmptyString
        items = (json["items"]?.array ?? []).map { item in
            Item(
                id: item["id"]?.idString,
                productID: item.first("product", "product_id")?.idString,
                quantity: item["quantity"]?.decimal ?? 0,
                price: item["price"]?.decimal.map(Money.init),
                batchID: item["batch"]?.idString,
                packageLabel: item["package"]?.first("label", "package_label", "id")?.idString ?? item["package"]?.string,
                leafLinkLineID: item["leaflink_id"]?.int
            )
        }
        leafLinkOrderNumber = json.first("leaflink_id", "leaflink_order_number")?.string
        metrcTransferID = json["metrc_transfer_id"]?.idString
        updated = json["updated_datetime"]?.string
    }
}

extension JSONReadable {
    /// Distru single GETs wrap the record in `{"data": {...}}`; list rows and webhooks do not.
    var unwrappingData: Self {
        if self["id"] == nil, let inner = self["data"], inner.isObject { return inner }
        return self
    }
}
