import Foundation
public import LeafSyncLog

/// Integration settings, changed only by operator events (R-SET-02). Defaults per R-SET-03.
public struct Settings: Equatable, Sendable {
    /// R-ORD-12: LL price changes are ignored once the order reaches this status.
    public var priceLockStatus: LeafLinkOrderStatus?
    /// R-INV-01: empty means every location.
    public var inventoryLocationIDs: [String] = []
    /// R-ORD-03.
    public var useCustomerDefaultInventorySource = false
    public var defaultSalesOrderLocationID: String?
    /// R-PRC: sync Distru sale price ↔ LL wholesale price.
    public var syncPrices = false
    /// R-PAY: sync Distru invoice payments to LL.
    public var syncPayments = false
    /// R-PAY-03: when payment sync was last turned on; earlier payments never sync.
    public var syncPaymentsSince: Timestamp?
    public var errorRecipients: [String] = []
    public var orderPollSeconds: Int64 = 600
    public var productPollSeconds: Int64 = 600
    public var inventoryPushSeconds: Int64 = 600
    /// R-SET-03: webhooks trigger an immediate fetch only with a webhook key configured.
    public var webhookKeyConfigured = false
    /// R-MTC-02: Metrc transfers are polled (on the order cadence) only while the process that
    /// ticks has Metrc configured; the dispatcher records it at its first tick.
    public var metrcConfigured = false
    /// Base of LL product URLs in the linked-products projection (R-PRD-10).
    public var leafLinkBaseURL = "https://app.leaflink.com"
    /// Operator overrides of the LL → Distru status mapping (status-mapping.md), by LL status.
    public var statusMapping: [LeafLinkOrderStatus: DistruOrderStatus] = [:]

    public init() {}
}
