import HTTPClientSupport
public import LeafSyncJSON

/// A parsed Distru webhook body.
public struct DistruWebhookDelivery: Sendable, Hashable {
    /// ORDER, INVOICE, PRODUCT, COMPANY, …
    public var type: DistruEnum
    /// CREATE, UPDATE or DELETE.
    public var event: DistruEnum
    public var id: String
    /// The record as `GET` returns it; nil on DELETE.
    public var object: JSONValue?
    /// `{field: [before, after]}`.
    public var changes: JSONObject?
    public var occurredDatetime: DistruTimestamp?

    public var isDelete: Bool { event.rawValue == "DELETE" }

    /// The resource to refetch, when LeafSync reads that type.
    public var resource: DistruResource? {
        switch type.rawValue {
        case "ORDER", "SALES_ORDER": .orders
        case "INVOICE": .invoices
        case "PRODUCT": .products
        case "COMPANY": .companies
        case "LOCATION": .locations
        case "USER": .users
        default: nil
        }
    }
}
