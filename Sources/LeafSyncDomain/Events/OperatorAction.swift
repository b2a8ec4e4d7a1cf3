public import Foundation

/// Something the operator did through the CLI, the HTTP admin API or the console.
public enum OperatorAction: Equatable, Sendable {
    /// R-SET-02: a settings change, effective from this event on.
    case changeSettings(SettingsChange)
    /// R-USR-01: map a Distru user to a LeafLink rep (company-staff id).
    case mapRep(distruUserID: String, leafLinkStaffID: Int)
    case unmapRep(distruUserID: String)
    /// R-PRD-01/02/04: link a Distru product to an existing LeafLink product.
    case linkProduct(distruProductID: String, leafLinkProductID: Int)
    /// R-PRD-09.
    case unlinkProduct(distruProductID: String)
    /// R-PRD-03: accepting a suggestion is a link.
    case acceptSuggestion(distruProductID: String, leafLinkProductID: Int)
    /// R-PRD-05: create a LeafLink product from a Distru product.
    case createLeafLinkProduct(LeafLinkProductRequest)
    /// R-PRD-07: LeafLink fields edited on a linked Distru product (its LeafLink tab); pushed next cycle.
    case updateLeafLinkProductFields(LeafLinkProductRequest)
    /// R-CUS-05: set or correct a company's LeafLink customer.
    case associateCustomer(leafLinkCustomerID: Int, distruCompanyID: String)
    /// R-UPD-04: the SO was deleted through the engine, optionally rejecting the LL order.
    case deleteSalesOrder(salesOrderID: String, rejectInLeafLink: Bool)
    /// R-MTC-01.
    case requestMetrcTemplate(MetrcTemplateRequest)
    /// R-MTC-03: match an SO to an observed Metrc transfer, with one or more packages per SO line
    /// (`lineID` is the Distru SO item id). Refused when the transfer was never observed, is voided
    /// or already matched, when a line gets no package, or a label is not on the transfer.
    case matchMetrcTransfer(salesOrderID: String, transferID: String, packages: [PackageAssignment])
    /// R-ERR-03: send an abandoned (or pending) command again, ready now, its attempts reset; refused
    /// when the key is unknown, already succeeded or withdrawn. Its sync error resolves when it succeeds.
    case retryCommand(key: String)
    /// R-ERR-03: ``retryCommand(key:)`` for every abandoned command.
    case retryFailedCommands

    /// The event type this action is written as.
    public var eventType: String {
        switch self {
        case .changeSettings: EventType.settingsChanged
        case .mapRep: EventType.repMapped
        case .unmapRep: EventType.repUnmapped
        case .linkProduct: EventType.productLinked
        case .unlinkProduct: EventType.productUnlinked
        case .acceptSuggestion: EventType.suggestionAccepted
        case .createLeafLinkProduct: EventType.productCreateRequested
        case .updateLeafLinkProductFields: EventType.productFieldsChanged
        case .associateCustomer: EventType.customerAssociated
        case .deleteSalesOrder: EventType.salesOrderDeleted
        case .requestMetrcTemplate: EventType.metrcTemplateRequested
        case .matchMetrcTransfer: EventType.metrcTransferMatched
        case .retryCommand: EventType.commandRetried
        case .retryFailedCommands: EventType.failedCommandsRetried
        }
    }

    /// The subject key the action is about.
    public var subject: String {
        switch self {
        case .changeSettings: "settings"
        case .mapRep(let user, _), .unmapRep(let user): "distru-user:\(user)"
        case .linkProduct(let d, _), .unlinkProduct(let d), .acceptSuggestion(let d, _): "distru-product:\(d)"
        case .createLeafLinkProduct(let r), .updateLeafLinkProductFields(let r): "distru-product:\(r.distruProductID)"
        case .associateCustomer(let c, _): "ll-customer:\(c)"
        case .deleteSalesOrder(let so, _): "distru-order:\(so)"
        case .requestMetrcTemplate(let r): "distru-order:\(r.salesOrderID)"
        case .matchMetrcTransfer(let so, _, _): "distru-order:\(so)"
        case .retryCommand(let key): "command:\(key)"
        case .retryFailedCommands: "commands"
        }
    }
}

/// A partial settings change: `nil` fields are left as they are (R-SET-02). Secrets are not settings
/// here: the API and webhook keys live in configuration only (R-SET-01).
public struct SettingsChange: Equatable, Sendable {
    /// LeafLink status after which LL price changes are ignored on the SO (R-ORD-12); "" clears it.
    public var priceLockStatus: String?
    /// Locations whose availability is pushed (R-INV-01); empty means all.
    public var inventoryLocationIDs: [String]?
    public var useCustomerDefaultInventorySource: Bool?
    /// Default SO location (R-ORD-03); "" clears it.
    public var defaultSalesOrderLocationID: String?
    public var syncPrices: Bool?
    public var syncPayments: Bool?
    public var errorRecipients: [String]?
    public var orderPollSeconds: Int?
    public var productPollSeconds: Int?
    public var inventoryPushSeconds: Int?
    /// Whether a LeafLink webhook key is configured (the key itself never enters the log).
    public var webhookKeyConfigured: Bool?
    public var leafLinkBaseURL: String?
    /// Whether the ticking process has Metrc configured (its keys never enter the log): Metrc is
    /// polled only then.
    public var metrcConfigured: Bool?
    /// Overrides of the LL → Distru status mapping, e.g. `{"Backorder": "PENDING"}`; an empty string restores the default.
    public var statusMapping: [String: String]?

    public init(
        priceLockStatus: String? = nil, inventoryLocationIDs: [String]? = nil, useCustomerDefaultInventorySource: Bool? = nil,
        defaultSalesOrderLocationID: String? = nil, syncPrices: Bool? = nil, syncPayments: Bool? = nil,
        errorRecipients: [String]? = nil, orderPollSeconds: Int? = nil, productPollSeconds: Int? = nil,
        inventoryPushSeconds: Int? = nil, webhookKeyConfigured: Bool? = nil, leafLinkBaseURL: String? = nil,
        statusMapping: [String: String]? = nil, metrcConfigured: Bool? = nil
    ) {
        self.priceLockStatus = priceLockStatus; self.inventoryLocationIDs = inventoryLocationIDs
        self.useCustomerDefaultInventorySource = useCustomerDefaultInventorySource
        self.defaultSalesOrderLocationID = defaultSalesOrderLocationID; self.syncPrices = syncPrices; self.syncPayments = syncPayments
        self.errorRecipients = errorRecipients; self.orderPollSeconds = orderPollSeconds; self.productPollSeconds = productPollSeconds
        self.inventoryPushSeconds = inventoryPushSeconds; self.webhookKeyConfigured = webhookKeyConfigured
        self.leafLinkBaseURL = leafLinkBaseURL; self.statusMapping = statusMapping; self.metrcConfigured = metrcConfigured
    }
}

/// R-PRD-05: the supported subset of LeafLink product fields, as chosen on the Distru product form.
/// The optional fields it shares with the ``LeafLinkProductDraft`` it becomes are in ``fields``
/// and read as its own (`request.sku`).
@dynamicMemberLookup
public struct LeafLinkProductRequest: Equatable, Sendable {
    public var distruProductID: String
    public var name: String?
    public var showInventoryToBuyers: Bool?
    public var inventoryManagement: Int?
    public var strainIDs: [Int]?
    public var sellInMultiples: Bool?
    public var fields: LeafLinkProductFields

    public init(
        distruProductID: String, name: String? = nil, sku: String? = nil, description: String? = nil,
        showInventoryToBuyers: Bool? = nil, licenseID: Int? = nil, brandID: Int? = nil, productLineID: Int? = nil,
        categoryID: Int? = nil, subcategoryID: Int? = nil, inventoryManagement: Int? = nil,
        wholesalePrice: Money? = nil, salePrice: Money? = nil, retailPrice: Money? = nil,
        minimumOrder: Decimal? = nil, maximumOrder: Decimal? = nil, strainClassification: String? = nil,
        strainIDs: [Int]? = nil, sellInMultiples: Bool? = nil, unitsPerCase: Decimal? = nil
    ) {
        self.distruProductID = distruProductID; self.name = name; self.showInventoryToBuyers = showInventoryToBuyers
        self.inventoryManagement = inventoryManagement; self.strainIDs = strainIDs; self.sellInMultiples = sellInMultiples
        fields = LeafLinkProductFields(
            sku: sku, description: description, licenseID: licenseID, brandID: brandID, productLineID: productLineID,
            categoryID: categoryID, subcategoryID: subcategoryID, wholesalePrice: wholesalePrice, salePrice: salePrice,
            retailPrice: retailPrice, minimumOrder: minimumOrder, maximumOrder: maximumOrder,
            strainClassification: strainClassification, unitsPerCase: unitsPerCase)
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<LeafLinkProductFields, T>) -> T {
        get { fields[keyPath: path] }
        set { fields[keyPath: path] = newValue }
    }
}

/// R-MTC-01: what the operator fills in to create a Metrc outgoing transfer template. The rest of
/// the template (name, recipient licence, invoice number, packages and prices) comes from the SO
/// (``MetrcTemplateDraft``).
public struct MetrcTemplateRequest: Equatable, Sendable {
    public var salesOrderID: String
    public var transporterLicense: String?
    public var driverName: String?
    public var estimatedDeparture: String?
    public var estimatedArrival: String?
    /// Metrc's `TransferTypeName` (e.g. `Wholesale Manifest`, `Transfer`); `nil` is
    /// ``MetrcTemplateDraft/defaultTransferType``. Chosen per template, as in the Metrc UI,
    /// because Distru's licence records carry no transfer type.
    public var transferType: String?

    public init(
        salesOrderID: String, transporterLicense: String? = nil, driverName: String? = nil,
        estimatedDeparture: String? = nil, estimatedArrival: String? = nil, transferType: String? = nil
    ) {
        self.salesOrderID = salesOrderID
        self.transporterLicense = transporterLicense
        self.driverName = driverName
        self.estimatedDeparture = estimatedDeparture
        self.estimatedArrival = estimatedArrival
        self.transferType = transferType
    }
}

/// R-MTC-03: Metrc packages assigned to one SO line.
public struct PackageAssignment: Equatable, Sendable {
    public var lineID: String
    public var packageLabels: [String]
    public init(lineID: String, packageLabels: [String]) {
        self.lineID = lineID
        self.packageLabels = packageLabels
    }
}
