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
    // Operator requests. Each is a request the reducer may refuse (a rep already mapped, a
    // LeafLink product already linked): the refusal is in `SyncState.refusals`, not in the name.
    public static let settingsChanged = "operator.settings.change-requested"
    public static let repMapped = "operator.rep.map-requested"
    public static let repUnmapped = "operator.rep.unmap-requested"
    public static let productLinked = "operator.product.link-requested"
    public static let productUnlinked = "operator.product.unlink-requested"
    public static let suggestionAccepted = "operator.product.suggestion-accept-requested"
    public static let productCreateRequested = "operator.product.create-requested"
    public static let productFieldsChanged = "operator.product.leaflink-fields-change-requested"
    public static let customerAssociated = "operator.customer.associate-requested"
    public static let salesOrderDeleted = "operator.sales-order.delete-requested"
    public static let metrcTemplateRequested = "operator.metrc.template-requested"
    public static let metrcTransferMatched = "operator.metrc.transfer-match-requested"
    /// `{"key"}`: retry one command (R-ERR-03).
    public static let commandRetried = "operator.command.retry-requested"
    /// `{}`: retry every abandoned command (R-ERR-03).
    public static let failedCommandsRetried = "operator.commands.retry-failed-requested"

    /// The names operator requests were written under before they were named as requests (old
    /// name → current name). Logs are never rewritten: these are read as their current names.
    public static let formerNames: [String: String] = [
        "operator.settings.changed": settingsChanged, "operator.rep.mapped": repMapped, "operator.rep.unmapped": repUnmapped,
        "operator.product.linked": productLinked, "operator.product.unlinked": productUnlinked,
        "operator.product.suggestion-accepted": suggestionAccepted, "operator.product.leaflink-fields-changed": productFieldsChanged,
        "operator.customer.associated": customerAssociated, "operator.sales-order.deleted": salesOrderDeleted,
        "operator.metrc.transfer-matched": metrcTransferMatched, "operator.command.retried": commandRetried,
        "operator.commands.failed-retried": failedCommandsRetried,
    ]

    /// The current name of an event type (itself, unless it is a ``formerNames`` entry).
    public static func current(_ type: String) -> String { formerNames[type] ?? type }

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

    /// Every event type the engine reads, by its current name (`distru.<kind>.deleted` aside: see
    /// ``isKnown(_:)``). A type added above belongs here too (`EventTypeCatalogTests` checks it).
    public static let all: [String] = [
        leafLinkOrderObserved, leafLinkProductObserved, leafLinkCustomerObserved, leafLinkStaffObserved, leafLinkPaymentObserved,
        leafLinkCreditObserved, leafLinkWebhookReceived, leafLinkFetchCursor, distruProductObserved, distruInventoryObserved,
        distruOrderObserved, distruCompanyObserved, distruUserObserved, distruLocationObserved, distruTaxObserved,
        distruInvoiceObserved, distruWebhookReceived, distruFetchCursor, metrcTransferObserved, settingsChanged, repMapped,
        repUnmapped, productLinked, productUnlinked, suggestionAccepted, productCreateRequested, productFieldsChanged,
        customerAssociated, salesOrderDeleted, metrcTemplateRequested, metrcTransferMatched, commandRetried, failedCommandsRetried,
        tick, commandSucceeded, commandFailed,
    ]

    /// Whether the engine reads events of `type` (a current or former name, or `distru.<kind>.deleted`);
    /// it ignores every other type.
    public static func isKnown(_ type: String) -> Bool {
        let name = current(type)
        return all.contains(name) || (name.hasPrefix("distru.") && name.hasSuffix(".deleted") && name.count > "distru..deleted".count)
    }

    /// The schema versions the engine reads for `type`: 1 through its ``currentVersion(of:)``
    /// (older ones are upcast); nil for a type it does not know.
    public static func knownVersions(of type: String) -> ClosedRange<UInt16>? {
        isKnown(type) ? 1...currentVersion(of: current(type)) : nil
    }
}
