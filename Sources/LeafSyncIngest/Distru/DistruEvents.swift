import DistruAPI

/// The event contract shared with the domain reducer for what the Distru fetcher appends.
/// `distru.<kind>.observed` payloads are the record's exact bytes as received;
/// `distru.<kind>.deleted` payloads are `{"id": …}`.
public enum DistruEvents {
    public static let source = "distru"
    public static let cursorType = "distru.fetch.cursor"
    public static let webhookType = "distru.webhook.received"

    /// A resource the fetcher observes, with its event types and subject prefix.
    public struct Kind: Sendable, Hashable {
        public var resource: DistruResource
        /// `product`, `inventory`, `order`, …
        public var name: String
        public var observedType: String { "distru.\(name).observed" }
        public var deletedType: String { "distru.\(name).deleted" }
        public var subjectPrefix: String { "distru-\(name):" }

        public func subject(_ key: String) -> String { subjectPrefix + key }
    }

    public static let user = Kind(resource: .users, name: "user")
    public static let location = Kind(resource: .locations, name: "location")
    public static let tax = Kind(resource: .taxes, name: "tax")
    public static let company = Kind(resource: .companies, name: "company")
    public static let product = Kind(resource: .products, name: "product")
    /// One row per product and location; subject `distru-inventory:<product_id>:<location_id>`.
    public static let inventory = Kind(resource: .inventory, name: "inventory")
    public static let order = Kind(resource: .orders, name: "order")
    public static let invoice = Kind(resource: .invoices, name: "invoice")

    /// In fetch order: who and what before the orders and invoices that refer to them.
    public static let all: [Kind] = [user, location, tax, company, product, inventory, order, invoice]

    public static func kind(for resource: DistruResource) -> Kind? { all.first { $0.resource == resource } }

    public static func cursorSubject(_ resource: DistruResource) -> String { "distru-cursor:\(resource.rawValue)" }
}
