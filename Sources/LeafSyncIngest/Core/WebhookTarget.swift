/// What a verified webhook names: the record to refetch (or whose deletion to record) and the
/// subject its `*.webhook.received` event is logged under.
public struct WebhookTarget<Resource: Hashable & Sendable>: Sendable, Hashable {
    /// The resource, when the fetcher reads that type of record; nil: log the webhook only.
    public var resource: Resource?
    /// The record's id (LeafLink: an order's number).
    public var id: String
    public var subject: String
    /// The webhook says the record was deleted (nothing to refetch).
    public var isDelete: Bool

    public init(resource: Resource?, id: String, subject: String, isDelete: Bool = false) {
        self.resource = resource
        self.id = id
        self.subject = subject
        self.isDelete = isDelete
    }
}
