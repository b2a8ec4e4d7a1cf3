public import DistruAPI
public import HTTPClientSupport

/// What the Distru fetcher appends, the event contract shared with the domain reducer, and the
/// strategy the fetcher core runs for Distru: list from `updated_datetime=FROM,` where Distru
/// filters (else in full), a full listing every 12 cycles to notice deletions, and webhooks
/// signed with `x-distru-signature` whose DELETE (or a 404 on refetch) becomes a deletion.
/// `distru.<kind>.observed` payloads are the record's exact bytes as received;
/// `distru.<kind>.deleted` payloads are `{"id": …}`.
public enum DistruEvents: FetchStrategy {
    public typealias Vendor = DistruVendor

    public static let vocabulary = FetchVocabulary(
        source: "distru", cursorType: "distru.fetch.cursor", webhookType: "distru.webhook.received",
        correlationPrefix: "distru", cursorFilterKey: "updated_datetime", changedKey: "updated_datetime")
    public static let signatureHeader = DistruWebhooks.signatureHeader
    public static var defaultFullListingEvery: Int? { 12 }

    /// `distru.<name>.observed` and `.deleted` under `distru-<name>:<keys joined by :>`.
    static func kind(_ resource: DistruResource, _ name: String, keys: [String] = ["id"]) -> Kind {
        Kind(
            resource: resource, observedType: "distru.\(name).observed", deletedType: "distru.\(name).deleted",
            subjectPrefix: "distru-\(name):", keys: keys)
    }

    public static let user = kind(.users, "user")
    public static let location = kind(.locations, "location")
    public static let tax = kind(.taxes, "tax")
    public static let company = kind(.companies, "company")
    public static let product = kind(.products, "product")
    /// One row per product and location; subject `distru-inventory:<product_id>:<location_id>`.
    public static let inventory = kind(.inventory, "inventory", keys: ["product_id", "location_id"])
    public static let order = kind(.orders, "order")
    public static let invoice = kind(.invoices, "invoice")

    /// In fetch order: who and what before the orders and invoices that refer to them.
    public static let all: [Kind] = [user, location, tax, company, product, inventory, order, invoice]

    public static func cursorSubject(_ resource: DistruResource) -> String { "distru-cursor:\(resource.rawValue)" }

    public static func isIncremental(_ resource: DistruResource) -> Bool { resource.supportsUpdatedFilter }

    public static func isSigned(_ body: [UInt8], signature: String?, secret: String) -> Bool {
        DistruWebhooks.isValid(body: body, header: signature, secret: secret)
    }

    /// Types LeafSync does not read are logged under `distru-<type>:<id>` and not refetched.
    public static func webhookTarget(_ body: [UInt8]) throws -> WebhookTarget<DistruResource> {
        let delivery = try DistruWebhooks.parse(body)
        let subject =
            delivery.resource.flatMap(kind(for:))?.subject(delivery.id)
            ?? "distru-\(delivery.type.rawValue.lowercased()):\(delivery.id)"
        return WebhookTarget(resource: delivery.resource, id: delivery.id, subject: subject, isDelete: delivery.isDelete)
    }

    public static func refetch(_ target: WebhookTarget<DistruResource>, kind: Kind, using client: DistruClient) async throws -> RawRecord {
        try await client.record(kind.resource, id: target.id)
    }

    /// A 404 on refetch: the record was deleted since the webhook was sent.
    public static func meansGone(_ error: any Error) -> Bool { (error as? APIError)?.status == 404 }
}

/// The Distru fetch loop (see ``Fetcher``).
public typealias DistruFetcher = Fetcher<DistruEvents>
