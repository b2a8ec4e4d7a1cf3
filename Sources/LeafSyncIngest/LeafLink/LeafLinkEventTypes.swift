import LeafLinkAPI

/// The event contract shared with the domain reducer: types and subjects of what the LeafLink
/// fetcher appends. Payloads of `*.observed` are the record's exact bytes as received.
public enum LeafLinkEvents {
    public static let source = "leaflink"
    public static let cursorType = "leaflink.fetch.cursor"
    public static let webhookType = "leaflink.webhook.received"

    /// Resources the fetcher observes, with their event type and subject prefix.
    public struct Kind: Sendable, Hashable {
        public var resource: LeafLinkResource
        public var type: String
        public var subjectPrefix: String
        /// The JSON key that identifies a record (`number` for orders, else `id`).
        public var key: String
    }

    public static let order = Kind(resource: .ordersReceived, type: "leaflink.order.observed", subjectPrefix: "ll-order:", key: "number")
    public static let product = Kind(resource: .products, type: "leaflink.product.observed", subjectPrefix: "ll-product:", key: "id")
    public static let customer = Kind(resource: .customers, type: "leaflink.customer.observed", subjectPrefix: "ll-customer:", key: "id")
    public static let staff = Kind(resource: .companyStaff, type: "leaflink.staff.observed", subjectPrefix: "ll-staff:", key: "id")
    public static let payment = Kind(resource: .orderPayments, type: "leaflink.order-payment.observed", subjectPrefix: "ll-payment:", key: "id")
    public static let credit = Kind(resource: .credits, type: "leaflink.credit.observed", subjectPrefix: "ll-credit:", key: "id")

    /// In fetch order: who and what before the orders that refer to them.
    public static let all: [Kind] = [staff, customer, product, order, payment, credit]

    public static func kind(for resource: LeafLinkResource) -> Kind? { all.first { $0.resource == resource } }

    public static func cursorSubject(_ resource: LeafLinkResource) -> String { "ll-cursor:\(resource.rawValue)" }
}
