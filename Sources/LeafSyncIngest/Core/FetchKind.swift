/// One resource a fetcher observes: the events it appends for it and how a record is named in
/// the log (its subject: a prefix and the record's identifying members).
public struct FetchKind<Resource: Hashable & Sendable>: Sendable, Hashable {
    public var resource: Resource
    /// `leaflink.order.observed`, `distru.product.observed`: payload the record's exact bytes.
    public var observedType: String
    /// `distru.product.deleted` (payload `{"id": …}`); nil when the vendor's deletions are not
    /// observed.
    public var deletedType: String?
    /// `ll-order:`, `distru-product:`.
    public var subjectPrefix: String
    /// The members that identify a record, joined with `:` in its subject (`id`; `number` for
    /// LeafLink orders; `product_id` and `location_id` for Distru inventory rows).
    public var keys: [String]

    public init(resource: Resource, observedType: String, deletedType: String?, subjectPrefix: String, keys: [String]) {
        self.resource = resource
        self.observedType = observedType
        self.deletedType = deletedType
        self.subjectPrefix = subjectPrefix
        self.keys = keys
    }

    /// The subject of the record whose key is `key`.
    public func subject(_ key: String) -> String { subjectPrefix + key }
}
