import Foundation
public import LeafSyncJSON

extension CommandAction {
    /// The whole action as JSON: `{"kind": <name>, …its fields}`, camelCase member names as in
    /// operator payloads, absent members for `nil`, money and quantities as decimal strings
    /// (`"18.10"`), never floating point.
    ///
    /// Written with `canonicalText`, it is the `content` column of the commands projection and
    /// what a dry run prints: the exact content of what the dispatcher will send, built from the
    /// state alone. (An error e-mail's body is built from the state too, so no secret is in it.)
    public var json: JSONValue {
        var p = PayloadWriter()
        p["kind"] = .string(name)
        switch self {
        case .createSalesOrder(let d): p["draft"] = d.json
        case .updateSalesOrder(let id, let changes):
            p["salesOrderID"] = .string(id)
            p["items"] = changes.items.map { .array($0.map(\.json)) }
            p["charges"] = changes.charges.map { .array($0.map(\.json)) }
            p["internalNotes"] = changes.internalNotes.map { $0.map(JSONValue.string) ?? .null }
            p["externalNotes"] = changes.externalNotes.map { $0.map(JSONValue.string) ?? .null }
        case .setSalesOrderStatus(let id, let status):
            p["salesOrderID"] = .string(id)
            p["status"] = .string(status.rawValue)
        case .completeSalesOrder(let id, let transfer, let packages):
            p["salesOrderID"] = .string(id)
            p["metrcTransferID"] = .string(transfer)
            p["packages"] = .array(
                packages.map { ["lineID": .string($0.lineID), "packageLabels": .array($0.packageLabels.map(JSONValue.string))] })
        case .deleteSalesOrder(let id): p["salesOrderID"] = .string(id)
        case .createLeafLinkProduct(let d):
            p["distruProductID"] = .string(d.distruProductID)
            p["name"] = .string(d.name)
            p["showInventoryToBuyers"] = .bool(d.showInventoryToBuyers)
            p["inventoryManagement"] = d.inventoryManagement.code.map(JSONValue.int)
            p["strainIDs"] = .array(d.strainIDs.map(JSONValue.int))
            p["unit"] = .string(d.unit.rawValue)
            p["sellInMultiples"] = .bool(d.sellInMultiples)
            p.writeDecimalStrings(d.fields)
        case .updateLeafLinkProduct(let id, let c):
            p["leafLinkProductID"] = .int(id)
            p["name"] = c.name.map(JSONValue.string)
            p["sku"] = c.sku.map(JSONValue.string)
            p["description"] = c.description.map(JSONValue.string)
            p["unit"] = c.unit.map { .string($0.rawValue) }
            p["wholesalePrice"] = c.wholesalePrice.map(\.decimalString)
            if let s = c.settings {
                var settings = PayloadWriter()
                settings["showInventoryToBuyers"] = s.showInventoryToBuyers.map(JSONValue.bool)
                settings["inventoryManagement"] = s.inventoryManagement.map(JSONValue.int)
                settings["strainIDs"] = s.strainIDs.map { .array($0.map(JSONValue.int)) }
                settings["sellInMultiples"] = s.sellInMultiples.map(JSONValue.bool)
                settings.writeDecimalStrings(s.fields)
                p["settings"] = .object(settings.members)
            }
        case .setDistruSalePrice(let id, let price):
            p["distruProductID"] = .string(id)
            p["price"] = price.decimalString
        case .pushLeafLinkInventory(let id, let quantity):
            p["leafLinkProductID"] = .int(id)
            p["quantity"] = .string(DecimalText.plain(quantity))
        case .postLeafLinkPayment(let d):
            p["orderNumber"] = .string(d.orderNumber)
            p["amount"] = d.amount.decimalString
            p["paymentDate"] = .string(d.paymentDate)
            p["recordedBy"] = d.recordedBy.map(JSONValue.int)
            p["distruPaymentID"] = .string(d.distruPaymentID)
        case .transitionLeafLinkOrder(let n, let t):
            p["orderNumber"] = .string(n)
            p["transition"] = .string(t.rawValue)
        case .setLeafLinkShipDate(let n, let date):
            p["orderNumber"] = .string(n)
            p["shipDate"] = .string(date)
        case .setLeafLinkExternalIDs(let n, let ids):
            p["orderNumber"] = .string(n)
            p["externalIDs"] = .object(JSONObject(ids.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        case .createMetrcTemplate(let d):
            p["name"] = .string(d.name)
            p["salesOrderID"] = .string(d.salesOrderID)
            p["recipientLicense"] = .string(d.recipientLicense)
            p["transferType"] = .string(d.transferType)
            p["invoiceNumber"] = .string(d.invoiceNumber)
            p["transporterLicense"] = d.transporterLicense.map(JSONValue.string)
            p["driverName"] = d.driverName.map(JSONValue.string)
            p["estimatedDeparture"] = d.estimatedDeparture.map(JSONValue.string)
            p["estimatedArrival"] = d.estimatedArrival.map(JSONValue.string)
            p["packages"] = .array(
                d.packages.map {
                    var package = PayloadWriter()
                    package["label"] = .string($0.label)
                    package["wholesalePrice"] = $0.wholesalePrice?.decimalString
                    return .object(package.members)
                })
        case .fetchRecord(let system, let kind, let id):
            p["system"] = .string(system)
            p["recordKind"] = .string(kind)
            p["id"] = .string(id)
        case .poll(let system, let kind):
            p["system"] = .string(system)
            p["recordKind"] = .string(kind)
        case .sendErrorEmail(let m):
            p["errorID"] = .string(m.errorID)
            p["recipients"] = .array(m.recipients.map(JSONValue.string))
            p["subjectLine"] = .string(m.subjectLine)
            p["body"] = .string(m.body)
        }
        return .object(p.members)
    }

    /// ``json`` as canonical text (sorted members, no spaces): the same action gives the same bytes in every build.
    public var canonicalJSONText: String { json.canonicalText }
}

extension SalesOrderDraft {
    var json: JSONValue {
        var p = PayloadWriter()
        p["leafLinkOrderNumber"] = .string(leafLinkOrderNumber)
        p["leafLinkShortID"] = leafLinkShortID.map(JSONValue.string)
        p["companyID"] = companyID.map(JSONValue.string)
        p["billingLocationID"] = billingLocationID.map(JSONValue.string)
        p["shippingLocationID"] = shippingLocationID.map(JSONValue.string)
        p["locationID"] = locationID.map(JSONValue.string)
        p["ownerID"] = ownerID.map(JSONValue.string)
        p["status"] = .string(status.rawValue)
        p["orderDate"] = orderDate.map(JSONValue.string)
        p["internalNotes"] = internalNotes.map(JSONValue.string)
        p["externalNotes"] = externalNotes.map(JSONValue.string)
        p["items"] = .array(items.map(\.json))
        p["charges"] = .array(charges.map(\.json))
        p["taxID"] = taxID.map(JSONValue.string)
        return .object(p.members)
    }
}

extension SalesOrderLine {
    var json: JSONValue {
        var p = PayloadWriter()
        p["leafLinkLineID"] = .int(leafLinkLineID)
        p["productID"] = .string(productID)
        p["quantity"] = .string(DecimalText.plain(quantity))
        p["unitPrice"] = unitPrice.decimalString
        p["isSample"] = .bool(isSample)
        p["note"] = note.map(JSONValue.string)
        return .object(p.members)
    }
}

extension SalesOrderCharge {
    var json: JSONValue {
        var members: JSONObject = [
            "name": .string(name), "kind": .string(kind.rawValue), "unit": .string(unit.rawValue),
            "value": .string(DecimalText.plain(value)), "editable": .bool(editable),
        ]
        if let taxID { members["taxID"] = .string(taxID) }
        return .object(members)
    }
}

extension Money {
    /// The amount as a decimal string, `"18.10"`.
    var decimalString: JSONValue { .string(DecimalText.plain(amount)) }
}

extension PayloadWriter {
    /// The product fields as operator payloads write them, with the quantities (minimum and
    /// maximum order, units per case) as decimal strings too. A `Decimal.nan` (which nothing
    /// computes, and an operator payload cannot carry) ends the fields written there.
    mutating func writeDecimalStrings(_ f: LeafLinkProductFields) {
        try? write(f)
        for key in ["minimumOrder", "maximumOrder", "unitsPerCase"] {
            if case .number(let text) = self[key] ?? .null { self[key] = .string(text) }
        }
    }
}
