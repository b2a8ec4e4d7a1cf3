public import HTTPClientSupport
public import LeafLinkAPI

/// What the LeafLink fetcher appends, the event contract shared with the domain reducer, and
/// the strategy the fetcher core runs for LeafLink: list from `modified__gte`, refetch orders
/// (children embedded) and products named by `LL-Signature`-signed webhooks, kept as the exact
/// bytes received (never decoded into a model, so a refetch is as tolerant as polling).
/// LeafLink deletions are not observed. Payloads of `*.observed` are the record's exact bytes
/// as received.
public enum LeafLinkEvents: FetchStrategy {
    public typealias Vendor = LeafLinkVendor

    /// `leaflink.<name>.observed` under `<prefix>:<key>`.
    static func kind(_ resource: LeafLinkResource, _ name: String, _ prefix: String, key: String = "id") -> Kind {
        Kind(resource: resource, observedType: "leaflink.\(name).observed", deletedType: nil, subjectPrefix: "\(prefix):", keys: [key])
    }

    public static let order = kind(.ordersReceived, "order", "ll-order", key: "number")
    public static let product = kind(.products, "product", "ll-product")
    public static let customer = kind(.customers, "customer", "ll-customer")
    public static let staff = kind(.companyStaff, "staff", "ll-staff")
    public static let payment = kind(.orderPayments, "order-payment", "ll-payment")
    public static let credit = kind(.credits, "credit", "ll-credit")

    /// In fetch order: who and what before the orders that refer to them.
    public static let all: [Kind] = [staff, customer, product, order, payment, credit]

    /// Products are listed in full every 6 cycles (an hour at the default 10 minutes): an
    /// order's reservation changes a product's `reserved_qty` without moving its `modified`, so
    /// only a full listing (or the product webhook's refetch) sees it.
    public static var defaultFullListingEvery: Int? { 6 }
    public static var fullListingKinds: Set<LeafLinkResource>? { [.products] }

    public static let vocabulary = FetchVocabulary(
        source: "leaflink", cursorType: "leaflink.fetch.cursor", webhookType: "leaflink.webhook.received",
        correlationPrefix: "ll", cursorFilterKey: "modified__gte", changedKey: "modified")
    public static let signatureHeader = LeafLinkWebhooks.signatureHeader

    public static func isSigned(_ body: [UInt8], signature: String?, secret: String) -> Bool {
        LeafLinkWebhooks.isValid(body: body, signature: signature, key: secret)
    }

    public static func webhookTarget(_ body: [UInt8]) throws -> WebhookTarget<LeafLinkResource> {
        let delivery = try LeafLinkWebhooks.parse(body)
        return switch delivery.kind {
        case .order(let number): WebhookTarget(resource: .ordersReceived, id: number, subject: delivery.subject)
        case .product(let id): WebhookTarget(resource: .products, id: String(id), subject: delivery.subject)
        }
    }

    public static func refetch(
        _ target: WebhookTarget<LeafLinkResource>, kind: Kind, using client: LeafLinkClient
    ) async throws -> RawRecord {
        target.resource == .ordersReceived ? try await client.orderRecord(number: target.id) : try await client.productRecord(id: target.id)
    }

    public static func cursorSubject(_ resource: LeafLinkResource) -> String { "ll-cursor:\(resource.rawValue)" }

    public static func isIncremental(_ resource: LeafLinkResource) -> Bool { resource.modifiedFilter != nil }
}

/// The LeafLink fetch loop (see ``Fetcher``).
public typealias LeafLinkFetcher = Fetcher<LeafLinkEvents>

extension Fetcher where Strategy == LeafLinkEvents {
    /// ``receiveWebhook(body:signature:secret:)`` with LeafLink's word for the secret: the
    /// webhook key. `signature` is the `LL-Signature` header.
    public func receiveWebhook(body: [UInt8], signature: String?, key: String) async throws -> WebhookOutcome {
        try await receiveWebhook(body: body, signature: signature, secret: key)
    }
}
