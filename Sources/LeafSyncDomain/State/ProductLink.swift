public import Foundation
public import LeafSyncLog

/// A locked one-to-one link between a Distru product and a LeafLink product (R-PRD-01/02).
public struct ProductLink: Equatable, Sendable {
    public var distruProductID: String
    public var leafLinkProductID: Int
    public var linkedAt: Timestamp
    /// Distru-owned fields as last pushed (or as at link time): a change triggers a push (R-PRD-07).
    public var pushedFields: ProductFields
    /// Fields changed in Distru, waiting for the next push cycle.
    public var fieldsPending: Bool = false
    /// LeafLink-tab fields edited by the operator, waiting for the next push cycle (R-PRD-07).
    public var settingsToPush: LeafLinkProductRequest? = nil
    /// R-PRC-03: the price pair both sides agreed on at the last sync (or link, or setting change).
    public var syncedSalePrice: Money?
    public var syncedWholesalePrice: Money?
    /// What LL last showed as `quantity` (observed, or pushed by the engine).
    public var leafLinkQuantity: Decimal?
}

/// The Distru-owned product fields pushed to LL.
public struct ProductFields: Equatable, Sendable {
    public var name: String
    public var sku: String?
    public var description: String?
    public var unit: LeafLinkUnit

    public init(_ p: DistruProduct) {
        name = p.name
        sku = p.sku
        description = p.description
        unit = p.leafLinkUnit
    }
}
