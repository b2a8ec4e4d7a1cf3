public import LeafSyncJSON

extension CommandAction {
    /// The remote object the command writes; `nil` for fetches and polls, which write nothing.
    ///
    /// Commands with the same target run one after the other, in emission order: `emit` makes a
    /// command depend on the latest pending command for its target. The targets:
    ///
    /// | target | commands |
    /// |---|---|
    /// | `leaflink-order:<number>` | transitions, ship date, external ids |
    /// | `leaflink-product:<id>` | product updates (fields, wholesale price), inventory pushes |
    /// | `leaflink-product:new:<distru product id>` | creating the LeafLink product of a Distru product |
    /// | `leaflink-payment:<distru payment id>` | a payment and its reversal (R-PAY-01/02) |
    /// | `distru-order:<id>` | updates, status, completion and deletion of an SO |
    /// | `distru-order:new:<ll number>` | creating the SO of a LeafLink order |
    /// | `distru-product:<id>` | the Distru sale price |
    /// | `metrc-template:<so id>` | the Metrc template of an SO |
    /// | `mail:<error id>` | the e-mail of a sync error |
    public var target: String? {
        switch self {
        case .createSalesOrder(let d): "distru-order:new:\(d.leafLinkOrderNumber)"
        case .updateSalesOrder(let id, _), .setSalesOrderStatus(let id, _), .completeSalesOrder(let id, _, _), .deleteSalesOrder(let id):
            "distru-order:\(id)"
        case .createLeafLinkProduct(let d): "leaflink-product:new:\(d.distruProductID)"
        case .updateLeafLinkProduct(let id, _), .pushLeafLinkInventory(let id, _): "leaflink-product:\(id)"
        case .setDistruSalePrice(let id, _): "distru-product:\(id)"
        case .postLeafLinkPayment(let p): "leaflink-payment:\(p.distruPaymentID)"
        case .transitionLeafLinkOrder(let n, _), .setLeafLinkShipDate(let n, _), .setLeafLinkExternalIDs(let n, _):
            "leaflink-order:\(n)"
        case .createMetrcTemplate(let d): "metrc-template:\(d.salesOrderID)"
        case .sendErrorEmail(let m): "mail:\(m.errorID)"
        case .fetchRecord, .poll: nil
        }
    }

    /// The remote system the command talks to, as log lines name it (`remote`): `leaflink`,
    /// `distru`, `metrc`, or `smtp` for a sync-error e-mail (relayed, or written to the outbox).
    public var remote: String {
        switch self {
        case .createSalesOrder, .updateSalesOrder, .setSalesOrderStatus, .completeSalesOrder, .deleteSalesOrder, .setDistruSalePrice:
            "distru"
        case .createLeafLinkProduct, .updateLeafLinkProduct, .pushLeafLinkInventory, .postLeafLinkPayment, .transitionLeafLinkOrder,
            .setLeafLinkShipDate, .setLeafLinkExternalIDs:
            "leaflink"
        case .createMetrcTemplate: "metrc"
        case .fetchRecord(let system, _, _), .poll(let system, _): system
        case .sendErrorEmail: "smtp"
        }
    }

    /// For a command that writes one whole value (an inventory quantity, a price, a ship date),
    /// the value's name on its target; `nil` for every other command.
    ///
    /// A newer command of the same slot makes an older one moot: when the older was abandoned,
    /// the newer one does not wait for it (``CommandBook/ready(at:)``), and when the newer one
    /// succeeds the older is withdrawn and its sync error resolved. The older is never dropped
    /// while pending (the dispatcher may have it in flight): the newer one still runs after it.
    /// A product field update is not a slot: it carries only the changed fields, so a later
    /// update does not replace an earlier one.
    public var latestValueSlot: String? {
        switch self {
        case .pushLeafLinkInventory(let id, _): "leaflink-product:\(id)#quantity"
        case .updateLeafLinkProduct(let id, let changes) where changes.isWholesalePriceOnly: "leaflink-product:\(id)#wholesale_price"
        case .setDistruSalePrice(let id, _): "distru-product:\(id)#unit_price"
        case .setLeafLinkShipDate(let n, _): "leaflink-order:\(n)#ship_date"
        default: nil
        }
    }
}

extension LeafLinkProductChanges {
    /// Only the wholesale price changes (the R-PRC-01 push).
    var isWholesalePriceOnly: Bool {
        wholesalePrice != nil && name == nil && sku == nil && description == nil && unit == nil && settings == nil
    }
}
