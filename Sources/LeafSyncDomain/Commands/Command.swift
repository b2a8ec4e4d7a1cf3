public import Foundation

/// An outbound intention produced by the reducer. The dispatcher executes it at most once per
/// `key` and appends `engine.command.succeeded` / `engine.command.failed` with the same key (R-ENG-03).
///
/// Commands are sent in emission order, never by key order: ``sequence`` numbers them log-wide,
/// and ``dependsOn`` names the command that must succeed first. The reducer sets both when it
/// emits (see ``CommandBook/ready(at:)``), so a replay and `leafsync audit commands` show why a
/// command waits.
public struct Command: Equatable, Sendable {
    /// Deterministic idempotency key derived from what caused the command, e.g. `distru-so-create:<number>`.
    public var key: String
    /// The subject of the entity the command acts for (used as the outcome event's subject).
    public var subject: String
    /// The rule that asked for it.
    public var rule: String
    public var action: CommandAction
    /// The key of the command that must SUCCEED before this one may be sent; nil when none.
    ///
    /// Set in `emit`: the latest pending command for the same ``CommandAction/target`` (so the
    /// commands for one remote object run in the order they were emitted, e.g. the LeafLink
    /// transitions accept → fulfill → ship → complete), or an explicit dependency (a payment
    /// reversal waits for its original payment, R-PAY-02).
    public var dependsOn: String?
    /// Emission order, log-wide, from 1 (``CommandBook/nextSequence``, assigned when emitted).
    public var sequence: UInt64

    public init(key: String, subject: String, rule: String, action: CommandAction, dependsOn: String? = nil, sequence: UInt64 = 0) {
        self.key = key
        self.subject = subject
        self.rule = rule
        self.action = action
        self.dependsOn = dependsOn
        self.sequence = sequence
    }
}

/// What to do on which remote system.
/// Indirect: some actions carry a whole SO draft, and commands are kept by the hundred thousand in
/// the command book, whose slots would otherwise each be the size of the largest action.
public indirect enum CommandAction: Equatable, Sendable {
    /// Distru `POST /orders` without id.
    case createSalesOrder(SalesOrderDraft)
    /// Distru `POST /orders` with id; sparse: only the given parts change.
    case updateSalesOrder(salesOrderID: String, changes: SalesOrderChanges)
    /// Distru `POST /orders` with id and `status`.
    case setSalesOrderStatus(salesOrderID: String, status: DistruOrderStatus)
    /// R-MTC-02/03: attach the Metrc transfer (and packages) and mark the SO COMPLETED.
    case completeSalesOrder(salesOrderID: String, metrcTransferID: String, packages: [PackageAssignment])
    /// Distru `DELETE /orders/{id}` (operator-requested deletion, R-UPD-04).
    case deleteSalesOrder(salesOrderID: String)
    /// LeafLink `POST /products/` (R-PRD-05).
    case createLeafLinkProduct(LeafLinkProductDraft)
    /// LeafLink `PATCH /products/{id}/` (R-PRD-07, R-PRC-01).
    case updateLeafLinkProduct(leafLinkProductID: Int, changes: LeafLinkProductChanges)
    /// Distru `POST /products` with id and `unit_price` (R-PRC-01).
    case setDistruSalePrice(distruProductID: String, price: Money)
    /// LeafLink `PATCH /products/{id}/` with `quantity` (R-INV).
    case pushLeafLinkInventory(leafLinkProductID: Int, quantity: Decimal)
    /// LeafLink `POST /order-payments/` (R-PAY); `amount` is negative for a reversal.
    case postLeafLinkPayment(LeafLinkPaymentDraft)
    /// LeafLink `POST /orders-received/{number}/transition/{action}/` (R-UPD-08).
    case transitionLeafLinkOrder(orderNumber: String, transition: LeafLinkTransition)
    /// LeafLink `PATCH /orders-received/{number}/` with `ship_date` (R-UPD-07).
    case setLeafLinkShipDate(orderNumber: String, shipDate: String)
    /// LeafLink `PATCH /orders-received/{number}/` with `external_ids` = `["distru_sales_order": <SO number>]`
    /// (R-ORD-13); `external_id_seller` is not writable by PATCH.
    case setLeafLinkExternalIDs(orderNumber: String, externalIDs: [String: String])
    /// Metrc `POST /transfers/v2/templates/outgoing` (R-MTC-01).
    case createMetrcTemplate(MetrcTemplateDraft)
    /// Fetch one record now (a webhook named it, R-SET-03).
    case fetchRecord(system: String, kind: String, id: String)

    /// Poll a collection incrementally (R-SET-03).
    case poll(system: String, kind: String)
    /// E-mail a sync error (R-ERR-01).
    case sendErrorEmail(ErrorEmail)

    /// The case name, e.g. `createSalesOrder` (the `action` column of the commands projection).
    public var name: String {
        switch self {
        case .createSalesOrder: "createSalesOrder"
        case .updateSalesOrder: "updateSalesOrder"
        case .setSalesOrderStatus: "setSalesOrderStatus"
        case .completeSalesOrder: "completeSalesOrder"
        case .deleteSalesOrder: "deleteSalesOrder"
        case .createLeafLinkProduct: "createLeafLinkProduct"
        case .updateLeafLinkProduct: "updateLeafLinkProduct"
        case .setDistruSalePrice: "setDistruSalePrice"
        case .pushLeafLinkInventory: "pushLeafLinkInventory"
        case .postLeafLinkPayment: "postLeafLinkPayment"
        case .transitionLeafLinkOrder: "transitionLeafLinkOrder"
        case .setLeafLinkShipDate: "setLeafLinkShipDate"
        case .setLeafLinkExternalIDs: "setLeafLinkExternalIDs"
        case .createMetrcTemplate: "createMetrcTemplate"
        case .fetchRecord: "fetchRecord"
        case .poll: "poll"
        case .sendErrorEmail: "sendErrorEmail"
        }
    }
}
