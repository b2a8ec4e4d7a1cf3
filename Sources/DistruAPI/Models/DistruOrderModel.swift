/// A sales order (`GET /orders`).
public struct DistruOrderModel: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var id: DistruID?
        public var product: DistruRef?
        public var quantity: DistruDecimal
        public var price: DistruDecimal?
        public var priceBase: DistruDecimal?
        public var location: DistruRef?
        public var batch: DistruRef?
        public var package: DistruRef?
        public var isSample: Bool?
        public var note: String?
        public var leaflinkId: DistruID?
    }

    public struct Charge: Sendable, Hashable, Codable {
        public var name: String?
        /// CHARGE or DISCOUNT.
        public var type: DistruEnum?
        /// PERCENT or PRICE.
        public var unitType: DistruEnum?
        public var percent: DistruDecimal?
        public var price: DistruDecimal?
        public var tax: DistruRef?
    }

    public var id: DistruID
    public var orderNumber: String?
    public var status: SalesOrderStatus
    public var company: DistruRef?
    public var billingLocation: DistruRef?
    public var shippingLocation: DistruRef?
    /// Ship-from location, the inventory source.
    public var location: DistruRef?
    public var owner: DistruRef?
    public var orderDatetime: DistruTimestamp?
    public var deliveryDatetime: DistruTimestamp?
    /// Notes for the seller's staff, and for the customer.
    public var internalNotes, externalNotes: String?
    public var items: [Item]
    public var charges: [Charge]?
    public var total: DistruDecimal?
    public var invoices: [DistruRef]?
    /// The linked Metrc transfer and the template it was made from.
    public var metrcTransferId, metrcTransferTemplateId: DistruID?
    /// The LeafLink order this sales order mirrors.
    public var leaflinkId, leaflinkOrderNumber: String?
    public var updatedDatetime: DistruTimestamp?
}
