import Foundation

/// The catalog of event type names and their current schema versions (see docs/events.md).
public enum EventType {
    // LeafLink observations (payload: the exact JSON received)
    public static let leafLinkOrderObserved = "leaflink.order.observed"
    public static let leafLinkProductObserved = "leaflink.product.observed"
    public static let leafLinkCustomerObserved = "leaflink.customer.observed"
    public static let leafLinkStaffObserved = "leaflink.staff.observed"
    public static let leafLinkPaymentObserved = "leaflink.order-payment.observed"
    public static let leafLinkCreditObserved = "leaflink.credit.observed"
    public static let leafLinkWebhookReceived = "leaflink.webhook.received"
    public static let leafLinkFetchCursor = "leaflink.fetch.cursor"
    // Distru observations
    public static let distruProductObserved = "distru.product.observed"
    public static let distruInventoryObserved = "distru.inventory.observed"
    public static let distruOrderObserved = "distru.order.observed"
    public static let distruCompanyObserved = "distru.company.observed"
    public static let distruUserObserved = "distru.user.observed"
    public static let distruLocationObserved = "distru.location.observed"
    public static let distruTaxObserved = "distru.tax.observed"
    public static let distruInvoiceObserved = "distru.invoice.observed"
    public static let distruWebhookReceived = "distru.webhook.received"
    public static let distruFetchCursor = "distru.fetch.cursor"
    /// `distru.<kind>.deleted`, payload `{"id": …}`.
    public static func distruDeleted(_ kind: String) -> String { "distru.\(kind).deleted" }
    // Metrc
    public static let metrcTransferObserved = "metrc.transfer.observed"
    // Operator actions
    public static let settingsChanged = "operator.settings.changed"
    public static let repMapped = "operator.rep.mapped"
    public static let repUnmapped = "operator.rep.unmapped"
    public static let productLinked = "operator.product.linked"
    public static let productUnlinked = "operator.product.unlinked"
    public static let suggestionAccepted = "operator.product.suggestion-accepted"
    public static let productCreateRequested = "operator.product.create-requested"
    public static let productFieldsChanged = "operator.product.leaflink-fields-changed"
    public static let customerAssociated = "operator.customer.associated"
    public static let salesOrderDeleted = "operator.sales-order.deleted"
    public static let metrcTemplateRequested = "operator.metrc.template-requested"
    public static let metrcTransferMatched = "operator.metrc.transfer-matched"
    /// `{"key"}`: retry one command (R-ERR-03).
    public static let commandRetried = "operator.command.retried"
    /// `{}`: retry every abandoned command (R-ERR-03).
    public static let failedCommandsRetried = "operator.commands.failed-retried"
    // Engine
    public static let tick = "engine.tick"
    public static let commandSucceeded = "engine.command.succeeded"
    public static let commandFailed = "engine.command.failed"

    /// The schema version new events of `type` are written with. Older versions are upcast on read.
    public static func currentVersion(of type: String) -> UInt16 {
        switch type {
        case settingsChanged, repMapped: 2
        default: 1
        }
    }
}
