public import HTTPClientSupport

/// What the fetcher core (``Fetcher``) needs from one vendor: the event vocabulary shared with
/// the domain reducer, how to list a resource from a cursor, and how to read its webhooks.
/// `LeafLinkEvents` and `DistruEvents` are the two strategies; everything else (restoring from
/// the log, walking pages, deduplicating, cursors, deletions, webhook receipt) is written once,
/// in ``Fetcher``.
public protocol FetchStrategy: Sendable {
    associatedtype Vendor: APIVendor
    typealias Kind = FetchKind<Vendor.Resource>

    /// Event types, subjects and record members the fetcher uses for this vendor.
    static var vocabulary: FetchVocabulary { get }
    /// Every resource the fetcher can observe, in fetch order.
    static var all: [Kind] { get }
    /// The subject of a resource's cursor events (`ll-cursor:products`).
    static func cursorSubject(_ resource: Vendor.Resource) -> String
    /// Whether the vendor filters `resource` by last change (else it is listed in full).
    static func isIncremental(_ resource: Vendor.Resource) -> Bool
    /// Cycles between full listings that notice deletions (1: every cycle); nil: never.
    static var defaultFullListingEvery: Int? { get }
    /// The resources those full listings cover; nil: every incremental one.
    static var fullListingKinds: Set<Vendor.Resource>? { get }

    /// The header that carries a webhook's signature (for log lines).
    static var signatureHeader: String { get }
    /// True when `signature` is the body's valid signature under `secret`.
    static func isSigned(_ body: [UInt8], signature: String?, secret: String) -> Bool
    /// What a signed body names; throws when it is not understood.
    static func webhookTarget(_ body: [UInt8]) throws -> WebhookTarget<Vendor.Resource>
    /// Fetches the record a webhook names.
    static func refetch(_ target: WebhookTarget<Vendor.Resource>, kind: Kind, using client: RemoteClient<Vendor>) async throws -> RawRecord
    /// Whether a refetch failure means the record is gone (a deletion is recorded).
    static func meansGone(_ error: any Error) -> Bool
    /// Lists `kind`'s records changed at or after `since` (all of them when nil), handing each
    /// page to `body`. The default walks the client's paged listing of the resource; a vendor
    /// whose lists need more supplies its own (Metrc: 24-hour windows per facility, each
    /// transfer completed with its deliveries and packages).
    static func forEachPage(
        of kind: Kind, since: Vendor.Timestamp?, using client: RemoteClient<Vendor>, isolation: isolated (any Actor)?,
        _ body: (APIPage<Vendor>) async throws -> Void
    ) async throws
}

extension FetchStrategy {
    /// The `source` of every event the fetcher appends.
    public static var source: String { vocabulary.source }
    /// The event type of cursor moves.
    public static var cursorType: String { vocabulary.cursorType }
    /// The event type of a logged webhook body.
    public static var webhookType: String { vocabulary.webhookType }

    /// The kind observing `resource`, if any.
    public static func kind(for resource: Vendor.Resource) -> Kind? { all.first { $0.resource == resource } }

    public static var defaultFullListingEvery: Int? { nil }
    public static var fullListingKinds: Set<Vendor.Resource>? { nil }
    public static func meansGone(_ error: any Error) -> Bool { false }

    public static func forEachPage(
        of kind: Kind, since: Vendor.Timestamp?, using client: RemoteClient<Vendor>, isolation: isolated (any Actor)?,
        _ body: (APIPage<Vendor>) async throws -> Void
    ) async throws {
        try await client.forEachPage(of: kind.resource, since: since, isolation: isolation, body)
    }
}

/// The names one vendor's fetcher writes and reads, shared with the domain reducer.
public struct FetchVocabulary: Sendable {
    /// The `source` of every event the fetcher appends (`leaflink`, `distru`).
    public var source: String
    /// The event type of cursor moves (`leaflink.fetch.cursor`).
    public var cursorType: String
    /// The event type of a logged webhook body (`leaflink.webhook.received`).
    public var webhookType: String
    /// Starts correlation ids of cycles, passes and webhooks (`ll` in `ll-cycle-…`).
    public var correlationPrefix: String
    /// The member of a cursor payload holding its instant (the vendor's filter name).
    public var cursorFilterKey: String
    /// The member of a record holding its last change (`modified`, `updated_datetime`).
    public var changedKey: String

    public init(
        source: String, cursorType: String, webhookType: String, correlationPrefix: String, cursorFilterKey: String, changedKey: String
    ) {
        self.source = source
        self.cursorType = cursorType
        self.webhookType = webhookType
        self.correlationPrefix = correlationPrefix
        self.cursorFilterKey = cursorFilterKey
        self.changedKey = changedKey
    }
}
