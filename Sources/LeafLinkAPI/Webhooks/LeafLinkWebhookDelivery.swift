import HTTPClientSupport
public import LeafSyncJSON

/// A parsed LeafLink webhook body.
public struct LeafLinkWebhookDelivery: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case order(number: String)
        case product(id: Int)
    }

    public var kind: Kind
    /// `create` or `edit`.
    public var action: String
    /// The `data` object as sent.
    public var data: JSONValue
    /// Lines in the order (`orderedproduct_set` in the older shape).
    public var lineCount: Int

    /// The log subject of the record the webhook names.
    public var subject: String {
        switch kind {
        case .order(let n): "ll-order:\(n)"
        case .product(let id): "ll-product:\(id)"
        }
    }
}
