import Foundation
import LeafSyncJSON

/// JSON payloads of operator events: camelCase member names, absent for `nil`, written in
/// canonical form (sorted, no spaces) through LeafSyncJSON's writer.
///
/// Encoding throws rather than write a wrong payload into the append-only log: an amount that
/// is `Decimal.nan` cannot be written as JSON.
enum OperatorCoding {
    static func encode(_ action: OperatorAction) throws(JSONValueError) -> [UInt8] {
        var p = PayloadWriter()
        switch action {
        case .changeSettings(let s):
            p["priceLockStatus"] = s.priceLockStatus.map(JSONValue.string)
            p["inventoryLocationIDs"] = s.inventoryLocationIDs.map(strings)
            p["useCustomerDefaultInventorySource"] = s.useCustomerDefaultInventorySource.map(JSONValue.bool)
            p["defaultSalesOrderLocationID"] = s.defaultSalesOrderLocationID.map(JSONValue.string)
            p["syncPrices"] = s.syncPrices.map(JSONValue.bool)
            p["syncPayments"] = s.syncPayments.map(JSONValue.bool)
            p["errorRecipients"] = s.errorRecipients.map(strings)
            p["orderPollSeconds"] = s.orderPollSeconds.map(JSONValue.int)
            p["productPollSeconds"] = s.productPollSeconds.map(JSONValue.int)
            p["inventoryPushSeconds"] = s.inventoryPushSeconds.map(JSONValue.int)
            p["webhookKeyConfigured"] = s.webhookKeyConfigured.map(JSONValue.bool)
            p["leafLinkBaseURL"] = s.leafLinkBaseURL.map(JSONValue.string)
            p["statusMapping"] = s.statusMapping.map { .object(JSONObject($0.map { ($0.key, .string($0.value)) })) }
            p["metrcConfigured"] = s.metrcConfigured.map(JSONValue.bool)
        case .createLeafLinkProduct(let r), .updateLeafLinkProductFields(let r):
            p["distruProductID"] = .string(r.distruProductID)
            p["name"] = r.name.map(JSONValue.string)
            p["showInventoryToBuyers"] = r.showInventoryToBuyers.map(JSONValue.bool)
            p["inventoryManagement"] = r.inventoryManagement.map(JSONValue.int)
            p["strainIDs"] = r.strainIDs.map { .array($0.map(JSONValue.int)) }
            p["sellInMultiples"] = r.sellInMultiples.map(JSONValue.bool)
            try p.write(r.fields)
        case .requestMetrcTemplate(let r):
            p["salesOrderID"] = .string(r.salesOrderID)
            p["transporterLicense"] = r.transporterLicense.map(JSONValue.string)
            p["driverName"] = r.driverName.map(JSONValue.string)
            p["estimatedDeparture"] = r.estimatedDeparture.map(JSONValue.string)
            p["estimatedArrival"] = r.estimatedArrival.map(JSONValue.string)
            p["transferType"] = r.transferType.map(JSONValue.string)
        case .mapRep(let user, let staff):
            p["distruUserID"] = .string(user)
            p["leafLinkStaffID"] = .int(staff)
        case .unmapRep(let user):
            p["distruUserID"] = .string(user)
        case .linkProduct(let distru, let leafLink), .acceptSuggestion(let distru, let leafLink):
            p["distruProductID"] = .string(distru)
            p["leafLinkProductID"] = .int(leafLink)
        case .unlinkProduct(let distru):
            p["distruProductID"] = .string(distru)
        case .associateCustomer(let customer, let company):
            p["leafLinkCustomerID"] = .int(customer)
            p["distruCompanyID"] = .string(company)
        case .deleteSalesOrder(let salesOrder, let reject):
            p["salesOrderID"] = .string(salesOrder)
            p["rejectInLeafLink"] = .bool(reject)
        case .matchMetrcTransfer(let salesOrder, let transfer, let packages):
            p["salesOrderID"] = .string(salesOrder)
            p["transferID"] = .string(transfer)
            p["packages"] = .array(packages.map { ["lineID": .string($0.lineID), "packageLabels": strings($0.packageLabels)] })
        case .retryCommand(let key):
            p["key"] = .string(key)
        case .retryFailedCommands: break
        }
        return JSONValue.object(p.members).canonicalBytes
    }

    private static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    static func decode<J: JSONReadable>(type: String, json: J) throws(RecordDecodingError) -> OperatorAction {
        let p = PayloadReader(type: type, json: json)
        switch type {
        case EventType.settingsChanged:
            return .changeSettings(
                SettingsChange(
                    priceLockStatus: try p.string("priceLockStatus"), inventoryLocationIDs: try p.strings("inventoryLocationIDs"),
                    useCustomerDefaultInventorySource: try p.bool("useCustomerDefaultInventorySource"),
                    defaultSalesOrderLocationID: try p.string("defaultSalesOrderLocationID"), syncPrices: try p.bool("syncPrices"),
                    syncPayments: try p.bool("syncPayments"), errorRecipients: try p.strings("errorRecipients"),
                    orderPollSeconds: try p.int("orderPollSeconds"), productPollSeconds: try p.int("productPollSeconds"),
                    inventoryPushSeconds: try p.int("inventoryPushSeconds"), webhookKeyConfigured: try p.bool("webhookKeyConfigured"),
                    leafLinkBaseURL: try p.string("leafLinkBaseURL"), statusMapping: try p.stringMap("statusMapping"),
                    metrcConfigured: try p.bool("metrcConfigured")))
        case EventType.productCreateRequested: return .createLeafLinkProduct(try productRequest(p))
        case EventType.productFieldsChanged: return .updateLeafLinkProductFields(try productRequest(p))
        case EventType.metrcTemplateRequested:
            return .requestMetrcTemplate(
                MetrcTemplateRequest(
                    salesOrderID: try p.need(p.string("salesOrderID"), "salesOrderID"),
                    transporterLicense: try p.string("transporterLicense"),
                    driverName: try p.string("driverName"), estimatedDeparture: try p.string("estimatedDeparture"),
                    estimatedArrival: try p.string("estimatedArrival"), transferType: try p.string("transferType")))
        case EventType.repMapped:
            return .mapRep(
                distruUserID: try p.need(p.string("distruUserID"), "distruUserID"),
                leafLinkStaffID: try p.need(p.int("leafLinkStaffID"), "leafLinkStaffID"))
        case EventType.repUnmapped: return .unmapRep(distruUserID: try p.need(p.string("distruUserID"), "distruUserID"))
        case EventType.productLinked, EventType.suggestionAccepted:
            let distru = try p.need(p.string("distruProductID"), "distruProductID")
            let leafLink = try p.need(p.int("leafLinkProductID"), "leafLinkProductID")
            return type == EventType.productLinked
                ? .linkProduct(distruProductID: distru, leafLinkProductID: leafLink)
                : .acceptSuggestion(distruProductID: distru, leafLinkProductID: leafLink)
        case EventType.productUnlinked: return .unlinkProduct(distruProductID: try p.need(p.string("distruProductID"), "distruProductID"))
        case EventType.customerAssociated:
            return .associateCustomer(
                leafLinkCustomerID: try p.need(p.int("leafLinkCustomerID"), "leafLinkCustomerID"),
                distruCompanyID: try p.need(p.string("distruCompanyID"), "distruCompanyID"))
        case EventType.salesOrderDeleted:
            return .deleteSalesOrder(
                salesOrderID: try p.need(p.string("salesOrderID"), "salesOrderID"),
                rejectInLeafLink: try p.bool("rejectInLeafLink") ?? false)
        case EventType.metrcTransferMatched:
            var packages: [PackageAssignment] = []
            for item in try p.list("packages") ?? [] {
                let line = PayloadReader(type: type, json: item)
                packages.append(
                    PackageAssignment(
                        lineID: try line.need(line.string("lineID"), "packages.lineID"),
                        packageLabels: try line.need(line.strings("packageLabels"), "packages.packageLabels")))
            }
            return .matchMetrcTransfer(
                salesOrderID: try p.need(p.string("salesOrderID"), "salesOrderID"),
                transferID: try p.need(p.string("transferID"), "transferID"), packages: packages)
        case EventType.commandRetried: return .retryCommand(key: try p.need(p.string("key"), "key"))
        case EventType.failedCommandsRetried: return .retryFailedCommands
        default:
            throw .invalidPayload(type: type, reason: "unknown operator action")
        }
    }

    private static func productRequest<J: JSONReadable>(_ p: PayloadReader<J>) throws(RecordDecodingError) -> LeafLinkProductRequest {
        var r = LeafLinkProductRequest(
            distruProductID: try p.need(p.string("distruProductID"), "distruProductID"), name: try p.string("name"),
            showInventoryToBuyers: try p.bool("showInventoryToBuyers"), inventoryManagement: try p.int("inventoryManagement"),
            strainIDs: try p.ints("strainIDs"), sellInMultiples: try p.bool("sellInMultiples"))
        r.fields = try p.productFields()
        return r
    }
}

/// The members of a payload being written; `nil` leaves a member out.
struct PayloadWriter {
    var members = JSONObject()

    subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { if let newValue { members[key] = newValue } }
    }

    mutating func write(_ f: LeafLinkProductFields) throws(JSONValueError) {
        self["sku"] = f.sku.map(JSONValue.string)
        self["description"] = f.description.map(JSONValue.string)
        self["licenseID"] = f.licenseID.map(JSONValue.int)
        self["brandID"] = f.brandID.map(JSONValue.int)
        self["productLineID"] = f.productLineID.map(JSONValue.int)
        self["categoryID"] = f.categoryID.map(JSONValue.int)
        self["subcategoryID"] = f.subcategoryID.map(JSONValue.int)
        self["wholesalePrice"] = try f.wholesalePrice.map(Self.money)
        self["salePrice"] = try f.salePrice.map(Self.money)
        self["retailPrice"] = try f.retailPrice.map(Self.money)
        self["minimumOrder"] = try f.minimumOrder.map(JSONValue.decimal)
        self["maximumOrder"] = try f.maximumOrder.map(JSONValue.decimal)
        self["strainClassification"] = f.strainClassification.map(JSONValue.string)
        self["unitsPerCase"] = try f.unitsPerCase.map(JSONValue.decimal)
    }

    /// Money is written as a string (`"18.10"`), as it always has been in operator payloads.
    static func money(_ m: Money) throws(JSONValueError) -> JSONValue {
        guard m.amount.isFinite else { throw .notANumber }
        return .string(DecimalText.plain(m.amount))
    }
}

/// Reads a payload's members; a member of the wrong kind is an invalid payload, an absent or
/// `null` one is `nil`.
struct PayloadReader<J: JSONReadable> {
    let type: String
    let json: J

    func need<T>(_ value: T?, _ field: String) throws(RecordDecodingError) -> T {
        guard let value else { throw .invalidPayload(type: type, reason: "missing \(field)") }
        return value
    }

    private func wrong(_ key: String, _ expected: String) -> RecordDecodingError {
        .invalidPayload(type: type, reason: "\(key) is not \(expected)")
    }

    private func member(_ key: String, _ kind: JSONKind, _ expected: String) throws(RecordDecodingError) -> J? {
        guard let value = json.member(key) else { return nil }
        guard value.kind == kind else { throw wrong(key, expected) }
        return value
    }

    func string(_ key: String) throws(RecordDecodingError) -> String? { try member(key, .string, "a string")?.string }
    func bool(_ key: String) throws(RecordDecodingError) -> Bool? { try member(key, .bool, "true or false")?.booleanValue }

    func int(_ key: String) throws(RecordDecodingError) -> Int? {
        guard let value = try member(key, .number, "a number") else { return nil }
        guard let int = value.int else { throw wrong(key, "an integer") }
        return int
    }

    /// A decimal from a number or a numeric string.
    func decimal(_ key: String) throws(RecordDecodingError) -> Decimal? {
        guard let value = json.member(key) else { return nil }
        guard value.kind == .number || value.kind == .string, let d = value.decimal else { throw wrong(key, "a decimal") }
        return d
    }

    func money(_ key: String) throws(RecordDecodingError) -> Money? { try decimal(key).map(Money.init) }

    func list(_ key: String) throws(RecordDecodingError) -> [J]? { try member(key, .array, "an array")?.array }

    func strings(_ key: String) throws(RecordDecodingError) -> [String]? {
        guard let items = try list(key) else { return nil }
        return try items.map { (item: J) throws(RecordDecodingError) -> String in
            guard item.kind == .string, let s = item.string else { throw wrong(key, "a list of strings") }
            return s
        }
    }

    func ints(_ key: String) throws(RecordDecodingError) -> [Int]? {
        guard let items = try list(key) else { return nil }
        return try items.map { (item: J) throws(RecordDecodingError) -> Int in
            guard item.kind == .number, let i = item.int else { throw wrong(key, "a list of integers") }
            return i
        }
    }

    func stringMap(_ key: String) throws(RecordDecodingError) -> [String: String]? {
        guard let object = try member(key, .object, "an object") else { return nil }
        var out: [String: String] = [:]
        for name in object.memberNames ?? [] {
            guard let value = object.member(name), value.kind == .string, let s = value.string else {
                throw wrong("\(key).\(name)", "a string")
            }
            out[name] = s
        }
        return out
    }

    func productFields() throws(RecordDecodingError) -> LeafLinkProductFields {
        LeafLinkProductFields(
            sku: try string("sku"), description: try string("description"), licenseID: try int("licenseID"),
            brandID: try int("brandID"), productLineID: try int("productLineID"), categoryID: try int("categoryID"),
            subcategoryID: try int("subcategoryID"), wholesalePrice: try money("wholesalePrice"), salePrice: try money("salePrice"),
            retailPrice: try money("retailPrice"), minimumOrder: try decimal("minimumOrder"), maximumOrder: try decimal("maximumOrder"),
            strainClassification: try string("strainClassification"), unitsPerCase: try decimal("unitsPerCase"))
    }
}
