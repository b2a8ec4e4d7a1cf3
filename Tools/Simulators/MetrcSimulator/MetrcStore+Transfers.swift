import Foundation
import LeafSyncJSON

extension MetrcStore {
    // MARK: API reads

    /// `GET /transfers/v2/outgoing`: the licence's transfers changed inside the window, newest
    /// id last, as rows (deliveries left out, counted).
    func outgoing(_ query: [(String, String)]) throws(MetrcSimError) -> JSONValue {
        let license = try facility(query)
        let window = try MetrcEnvelope.window(query)
        let rows = transfers.keys.sorted().compactMap { transfers[$0] }
            .filter { $0["ShipperFacilityLicenseNumber"]?.stringValue == license && MetrcEnvelope.modified($0, in: window) }
            .map { Self.row($0) }
        return try MetrcEnvelope.page(rows, query: query)
    }

    /// `GET /transfers/v2/{id}/deliveries`.
    func deliveries(transfer id: String, _ query: [(String, String)]) throws(MetrcSimError) -> JSONValue {
        guard let t = Int(id).flatMap({ transfers[$0] }) else { throw .notFound("Transfer \(id)") }
        let rows: [JSONValue] = (t["Deliveries"]?.arrayValue ?? []).compactMap(\.objectValue).map { d in
            var row = d
            let packages = row.removeValue(forKey: "Packages")?.arrayValue ?? []
            row["DeliveryPackageCount"] = .int(packages.count)
            return .object(row)
        }
        return try MetrcEnvelope.page(rows, query: query)
    }

    /// `GET /transfers/v2/deliveries/{id}/packages`.
    func packages(delivery id: String, _ query: [(String, String)]) throws(MetrcSimError) -> JSONValue {
        guard let (t, d) = locate(delivery: id) else { throw .notFound("Delivery \(id)") }
        let delivery = transfers[t]?["Deliveries"]?.arrayValue?[d]
        return try MetrcEnvelope.page(delivery?["Packages"]?.arrayValue ?? [], query: query)
    }

    /// A transfer as `GET /transfers/v2/outgoing` lists it.
    static func row(_ transfer: JSONObject) -> JSONValue {
        var row = transfer
        let deliveries = row.removeValue(forKey: "Deliveries")?.arrayValue ?? []
        row["DeliveryCount"] = .int(deliveries.count)
        row["PackageCount"] = .int(deliveries.reduce(0) { $0 + ($1["Packages"]?.arrayValue?.count ?? 0) })
        return .object(row)
    }

    /// The transfer id and delivery index of delivery `id`.
    func locate(delivery id: String) -> (Int, Int)? {
        for (tid, t) in transfers {
            if let i = (t["Deliveries"]?.arrayValue ?? []).firstIndex(where: { $0["Id"].flatMap { $0.intValue }.map(String.init) == id }) {
                return (tid, i)
            }
        }
        return nil
    }

    // MARK: What a person does in the Metrc UI (control routes)

    /// Creates a transfer as a person does (from a template, or by hand): new `Id` and
    /// ten-digit `ManifestNumber`, `CreatedDateTime` and `LastModified` now unless `body` says
    /// otherwise. `body`: `{ShipperFacilityLicenseNumber, Name?, OriginatingTemplateId?,
    /// LastModified?, Deliveries: [{RecipientFacilityLicenseNumber, InvoiceNumber?, Packages:
    /// [{PackageLabel, ShippedQuantity?, ShipmentPackageState?, …}]}]}`; a package label in the
    /// shipper's inventory takes its item, quantity and unit from there.
    func createTransfer(_ body: JSONObject) throws(MetrcSimError) -> JSONObject {
        guard let shipper = body["ShipperFacilityLicenseNumber"]?.stringValue, facilities[shipper] != nil else {
            throw MetrcSimError(400, "ShipperFacilityLicenseNumber must be a facility of the simulator")
        }
        let destinations = body["Deliveries"]?.arrayValue ?? []
        guard !destinations.isEmpty else { throw MetrcSimError(400, "a transfer needs Deliveries") }
        let id = takeID()
        let now = tick()
        var deliveries: [JSONValue] = []
        for dest in destinations {
            guard let recipient = (dest["RecipientFacilityLicenseNumber"] ?? dest["RecipientLicenseNumber"])?.stringValue else {
                throw MetrcSimError(400, "each delivery needs RecipientFacilityLicenseNumber")
            }
            var packages: [JSONValue] = []
            for p in dest["Packages"]?.arrayValue ?? [] {
                guard let label = p["PackageLabel"]?.stringValue else { throw MetrcSimError(400, "each package needs PackageLabel") }
                let held = stock(label: label, license: shipper)
                var row = JSONObject()
                row["PackageId"] = held?["Id"] ?? .int(takeID())
                row["PackageLabel"] = .string(label)
                row["ItemName"] = p["ItemName"] ?? held?["ItemName"] ?? .null
                row["ShippedQuantity"] = p["ShippedQuantity"] ?? held?["Quantity"] ?? .int(1)
                row["ShippedUnitOfMeasureName"] = p["ShippedUnitOfMeasureName"] ?? held?["UnitOfMeasureName"] ?? "Each"
                row["ShipperWholesalePrice"] = p["WholesalePrice"] ?? p["ShipperWholesalePrice"] ?? .null
                row["ShipmentPackageState"] = p["ShipmentPackageState"] ?? "Shipped"
                packages.append(.object(row))
            }
            deliveries.append(
                .object(
                    JSONObject([
                        ("Id", .int(takeID())), ("RecipientFacilityLicenseNumber", .string(recipient)),
                        ("RecipientFacilityName", dest["RecipientFacilityName"] ?? .null),
                        ("InvoiceNumber", dest["InvoiceNumber"] ?? .null),
                        ("ShipmentTransactionType", dest["TransferTypeName"] ?? dest["ShipmentTransactionType"] ?? "Wholesale"),
                        ("EstimatedDepartureDateTime", dest["EstimatedDepartureDateTime"] ?? .null),
                        ("EstimatedArrivalDateTime", dest["EstimatedArrivalDateTime"] ?? .null),
                        ("Packages", .array(packages)),
                    ])))
        }
        let transfer = JSONObject([
            ("Id", .int(id)), ("ManifestNumber", .string(String(format: "%010d", id))), ("Name", body["Name"] ?? .null),
            ("ShipperFacilityLicenseNumber", .string(shipper)), ("CreatedDateTime", body["CreatedDateTime"] ?? now),
            ("LastModified", body["LastModified"] ?? now), ("IsVoided", false),
            ("OriginatingTemplateId", body["OriginatingTemplateId"] ?? .null), ("Deliveries", .array(deliveries)),
        ])
        transfers[id] = transfer
        return transfer
    }

    /// What a person gets in the Metrc UI from "create transfer from template" on template `id`:
    /// a transfer keeping `OriginatingTemplateId`, its destinations and packages.
    func transfer(fromTemplate id: String, _ overrides: JSONObject) throws(MetrcSimError) -> JSONObject {
        guard let t = Int(id).flatMap({ templates[$0] }), t["IsArchived"]?.boolValue != true else { throw .notFound("Template \(id)") }
        var body = JSONObject([
            ("ShipperFacilityLicenseNumber", t["LicenseNumber"] ?? .null), ("Name", t["Name"] ?? .null),
            ("OriginatingTemplateId", t["Id"] ?? .null), ("Deliveries", t["Destinations"] ?? .array([])),
        ])
        for (k, v) in overrides { body[k] = v }
        return try createTransfer(body)
    }

    /// Voids transfer `id` (`IsVoided`, `LastModified` now).
    func void(transfer id: String) throws(MetrcSimError) -> JSONObject {
        try change(transfer: id) { t in t["IsVoided"] = true }
    }

    /// Sets the state of packages on delivery `id`: `labels` (all when empty) become `state`
    /// (`Rejected`, `Accepted`, `Returned`); the transfer's `LastModified` moves.
    func setPackages(delivery id: String, labels: [String], state: String) throws(MetrcSimError) -> JSONObject {
        guard let (tid, index) = locate(delivery: id), var deliveries = transfers[tid]?["Deliveries"]?.arrayValue,
            var delivery = deliveries[index].objectValue
        else { throw .notFound("Delivery \(id)") }
        var packages = delivery["Packages"]?.arrayValue ?? []
        let present = Set(packages.compactMap { $0["PackageLabel"]?.stringValue })
        if let missing = labels.first(where: { !present.contains($0) }) {
            throw MetrcSimError(400, "Package \(missing) is not on delivery \(id)")
        }
        for i in packages.indices {
            guard case .object(var p) = packages[i], let label = p["PackageLabel"]?.stringValue else { continue }
            if labels.isEmpty || labels.contains(label) { p["ShipmentPackageState"] = .string(state) }
            packages[i] = .object(p)
        }
        delivery["Packages"] = .array(packages)
        deliveries[index] = .object(delivery)
        return try change(transfer: String(tid)) { t in t["Deliveries"] = .array(deliveries) }
    }

    func change(transfer id: String, _ edit: (inout JSONObject) -> Void) throws(MetrcSimError) -> JSONObject {
        guard let key = Int(id), var t = transfers[key] else { throw .notFound("Transfer \(id)") }
        edit(&t)
        t["LastModified"] = tick()
        transfers[key] = t
        return t
    }

    // MARK: Inventory

    /// The package `label` held by `license`, if any.
    func stock(label: String, license: String) -> JSONObject? {
        guard let p = packages[label]?.objectValue, p["LicenseNumber"]?.stringValue == license else { return nil }
        return p
    }

    /// Adds (or replaces) a package in a facility's inventory: `{LicenseNumber, Label,
    /// ItemName, Quantity, UnitOfMeasureName}`.
    func addPackage(_ body: JSONObject) throws(MetrcSimError) -> JSONObject {
        guard let label = body["Label"]?.stringValue, !label.isEmpty else { throw MetrcSimError(400, "a package needs Label") }
        guard let license = body["LicenseNumber"]?.stringValue, facilities[license] != nil else {
            throw MetrcSimError(400, "LicenseNumber must be a facility of the simulator")
        }
        var row = body
        row["Id"] = packages[label]?["Id"] ?? body["Id"] ?? .int(takeID())
        row["LastModified"] = tick()
        packages[label] = .object(row)
        return row
    }

    /// Every transfer in full, ids ascending (for `GET /_sim/transfers`).
    func allTransfers() -> [JSONValue] { transfers.keys.sorted().compactMap { transfers[$0].map(JSONValue.object) } }
}
