import Foundation
/// An outbound intention produced by the reducer. The dispatcher executes it at most once per
/// `key` and appends `engine.command.succeeded` / `engine.command.failed` with the same key (R-ENG-03).
public struct Command: Equatable, Sendable {
    /// Deterministic idempotency key derived from what caused the command, e.g. `distru-so-create:<number>`.
    public var key: String
    /// The subject of the entity the command acts for (used as the outcome event's subject).
    public var subject: String
    /// The rule that asked for it.
    public var rule: String
    public var action: CommandAction

    public init(key: String, subject: String, rule: String, action: CommandAction) {
        self.key = key
        self.subject = subject
        self.rule = rule
        self.action = action
    }
}

/// What to do on which remote system.
public enum CommandAction: Equatable, Sendable {
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
    /// LeafLink `PATCH /orders-received/{number}/` with `external_id_seller` = the SO number (R-ORD-13).
    case setLeafLinkExternalIDs(orderNumber: String, externalIDSeller: String)
    /// Metrc `POST /transfers/v2/templates/outgoing` (R-MTC-01).
    case createMetrcTemplate(MetrcTemplateDraft)
    /// Fetch one record now (a webhook named it, R-SET-03).
    case fetchRecord(system: String, kind: String, id: String)
    /// Poll a collection incrementally (R-SET-03).
    case poll(system: String, kind: String)
    /// E-mail a sync error (R-ERR-01).
    case sendErrorEmail(ErrorEmail)
}

/// A Distru sales order to create from a LeafLink order.
public struct SalesOrderDraft: Equatable, Sendable {
    /// R-ORD-13: kept on the SO, searchable.
    public var leafLinkOrderNumber: String
    public var leafLinkShortID: String?
    /// R-ORD-02.
    public var companyID: String?
    /// R-CUS-02: set only when the company has exactly one location.
    public var billingLocationID: String?
    public var shippingLocationID: String?
    /// R-ORD-03: the inventory source.
    public var locationID: String?
    /// R-ORD-04.
    public var ownerID: String?
    public var status: DistruOrderStatus
    public var orderDate: String?
    /// R-ORD-07.
    public var internalNotes: String?
    public var externalNotes: String?
    /// R-ORD-10/14: one SO line per LL line (negative-price lines excluded, R-ORD-09).
    public var items: [SalesOrderLine]
    /// R-ORD-06/08/09: credit, discount, shipping and negative-price lines.
    public var charges: [SalesOrderCharge]
    /// R-ORD-05.
    public var taxID: String?
}

/// One SO line.
public struct SalesOrderLine: Equatable, Sendable {
    public var leafLinkLineID: Int
    public var productID: String
    /// Units (not cases).
    public var quantity: Decimal
    /// Price of one unit (R-ORD-14).
    public var unitPrice: Money
    public var isSample: Bool
    public var note: String?
}

/// One SO charge or discount.
public struct SalesOrderCharge: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case charge = "CHARGE", discount = "DISCOUNT" }
    public enum Unit: String, Equatable, Sendable { case percent = "PERCENT", price = "PRICE" }

    public var name: String
    public var kind: Kind
    public var unit: Unit
    /// A percentage for `.percent`, dollars for `.price` (always positive).
    public var value: Decimal
    /// LeafLink credits are not editable in Distru (R-ORD-06).
    public var editable: Bool
}

/// A sparse SO update; `nil` parts are left as they are.
public struct SalesOrderChanges: Equatable, Sendable {
    public var items: [SalesOrderLine]?
    public var charges: [SalesOrderCharge]?
    public var internalNotes: String??
    public var externalNotes: String??

    public var isEmpty: Bool { items == nil && charges == nil && internalNotes == nil && externalNotes == nil }
}

/// R-PRD-05: a LeafLink product to create, with only the supported subset of fields.
public struct LeafLinkProductDraft: Equatable, Sendable {
    public var distruProductID: String
    public var name: String
    public var sku: String?
    public var description: String?
    public var showInventoryToBuyers: Bool
    public var licenseID: Int?
    public var brandID: Int?
    public var productLineID: Int?
    public var categoryID: Int?
    public var subcategoryID: Int?
    public var inventoryManagement: InventoryManagement
    public var wholesalePrice: Money?
    public var salePrice: Money?
    public var retailPrice: Money?
    public var minimumOrder: Decimal?
    public var maximumOrder: Decimal?
    public var strainClassification: String?
    public var strainIDs: [Int]
    /// R-PRD-06.
    public var unit: LeafLinkUnit
    public var sellInMultiples: Bool
    public var unitsPerCase: Decimal?
}

/// Changed LeafLink product fields; `nil` fields are not sent.
public struct LeafLinkProductChanges: Equatable, Sendable {
    public var name: String?
    public var sku: String?
    public var description: String?
    public var unit: LeafLinkUnit?
    public var wholesalePrice: Money?
    /// The other R-PRD-05 fields, as set on the Distru product's LeafLink tab (R-PRD-07).
    public var settings: LeafLinkProductRequest?

    public init(name: String? = nil, sku: String? = nil, description: String? = nil, unit: LeafLinkUnit? = nil,
                wholesalePrice: Money? = nil, settings: LeafLinkProductRequest? = nil) {
        self.name = name
        self.sku = sku
        self.description = description
        self.unit = unit
        self.wholesalePrice = wholesalePrice
        self.settings = settings
    }
}

/// R-PAY: a LeafLink order payment to post.
public struct LeafLinkPaymentDraft: Equatable, Sendable {
    public var orderNumber: String
    /// Negative for a deleted Distru payment (R-PAY-02).
    public var amount: Money
    /// `YYYY-MM-DD`.
    public var paymentDate: String
    /// The LeafLink staff id recorded as `recorded_by` (the SO owner's rep), if known.
    public var recordedBy: Int?
    public var distruPaymentID: String
}

/// R-MTC-01: a Metrc outgoing transfer template named after the SO number.
public struct MetrcTemplateDraft: Equatable, Sendable {
    public var name: String
    public var salesOrderID: String
    public var recipientLicense: String?
    public var invoiceNumber: String
    public var transporterLicense: String?
    public var driverName: String?
    public var estimatedDeparture: String?
    public var estimatedArrival: String?
    public var packageLabels: [String]
}

/// R-ERR-01: an e-mail about a sync error.
public struct ErrorEmail: Equatable, Sendable {
    public var recipients: [String]
    public var subjectLine: String
    public var body: String
    public var errorID: String
}
