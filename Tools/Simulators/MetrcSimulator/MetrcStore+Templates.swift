import Foundation
import LeafSyncJSON

extension MetrcStore {
    /// The most objects a write body may hold (more: 413).
    static let maximumWriteObjects = 10

    /// Transfer types the simulated licences may use.
    static let transferTypes: Set<String> = ["Wholesale Manifest", "Transfer", "Affiliated Transfer", "Unaffiliated Transfer", "Wholesale"]

    /// The objects of a write body: an array of at most 10 objects.
    static func writeObjects(_ body: [UInt8]) throws(MetrcSimError) -> [JSONObject] {
        guard let json = try? JSONParser.parse(body), let items = json.arrayValue else {
            throw MetrcSimError(400, "The request body must be a JSON array of objects.")
        }
        guard items.count <= maximumWriteObjects else {
            throw MetrcSimError(413, "The request contains \(items.count) objects; at most \(maximumWriteObjects) are allowed per request.")
        }
        return try items.map { item throws(MetrcSimError) in
            guard let o = item.objectValue else { throw MetrcSimError(400, "The request body must be a JSON array of objects.") }
            return o
        }
    }

    /// What is wrong with one template for `license`, as Metrc words it (empty: fine).
    func problems(_ t: JSONObject, license: String) -> [String] {
        var out: [String] = []
        if (t["Name"]?.stringValue ?? "").isEmpty { out.append("Name is required.") }
        let destinations = t["Destinations"]?.arrayValue ?? []
        if destinations.isEmpty { out.append("At least one destination is required.") }
        for (i, d) in destinations.enumerated() {
            if (d["RecipientLicenseNumber"]?.stringValue ?? "").isEmpty {
                out.append("Destinations[\(i)].RecipientLicenseNumber is required.")
            }
            let type = d["TransferTypeName"]?.stringValue ?? ""
            if type.isEmpty {
                out.append("Destinations[\(i)].TransferTypeName is required.")
            } else if !Self.transferTypes.contains(type) {
                out.append("Destinations[\(i)].TransferTypeName '\(type)' is not a valid transfer type.")
            }
            let packages = d["Packages"]?.arrayValue ?? []
            if packages.isEmpty { out.append("Destinations[\(i)] must have at least one package.") }
            for p in packages {
                guard let label = p["PackageLabel"]?.stringValue, !label.isEmpty else {
                    out.append("Destinations[\(i)].Packages: PackageLabel is required.")
                    continue
                }
                if stock(label: label, license: license) == nil {
                    out.append("Package \(label) was not found in the inventory of facility \(license).")
                }
            }
        }
        return out
    }

    /// Refuses the whole write when any object has a problem (Metrc writes all or nothing).
    func validate(_ objects: [JSONObject], license: String, check: (Int, JSONObject) -> [String] = { _, _ in [] }) throws(MetrcSimError) {
        var failures: [(row: Int, message: String)] = []
        for (row, t) in objects.enumerated() {
            for m in check(row, t) + problems(t, license: license) { failures.append((row, m)) }
        }
        if !failures.isEmpty { throw .rows(failures) }
    }

    /// `POST /transfers/v2/templates/outgoing`: creates the templates, returns their ids.
    func createTemplates(_ query: [(String, String)], body: [UInt8]) throws(MetrcSimError) -> JSONValue {
        let license = try facility(query)
        let objects = try Self.writeObjects(body)
        try validate(objects, license: license)
        var ids: [JSONValue] = []
        for t in objects {
            let id = takeID()
            let now = tick()
            var row = t
            row.removeValue(forKey: "TransferTemplateId")
            row["Id"] = .int(id)
            row["LicenseNumber"] = .string(license)
            row["CreatedDateTime"] = now
            row["LastModified"] = now
            row["IsArchived"] = false
            templates[id] = row
            ids.append(.int(id))
        }
        return ["Ids": .array(ids), "Warnings": nil]
    }

    /// `PUT /transfers/v2/templates/outgoing`: replaces templates named by `TransferTemplateId`.
    func updateTemplates(_ query: [(String, String)], body: [UInt8]) throws(MetrcSimError) -> JSONValue {
        let license = try facility(query)
        let objects = try Self.writeObjects(body)
        try validate(objects, license: license) { _, t in
            guard let id = (t["TransferTemplateId"] ?? t["Id"])?.intValue else { return ["TransferTemplateId is required."] }
            guard let old = templates[id], old["LicenseNumber"]?.stringValue == license, old["IsArchived"]?.boolValue != true else {
                return ["Template \(id) was not found for facility \(license)."]
            }
            return []
        }
        var ids: [JSONValue] = []
        for t in objects {
            guard let id = (t["TransferTemplateId"] ?? t["Id"])?.intValue, let old = templates[id] else { continue }
            var row = t
            row.removeValue(forKey: "TransferTemplateId")
            for key in ["Id", "LicenseNumber", "CreatedDateTime", "IsArchived"] { row[key] = old[key] }
            row["LastModified"] = tick()
            templates[id] = row
            ids.append(.int(id))
        }
        return ["Ids": .array(ids), "Warnings": nil]
    }

    /// `DELETE /transfers/v2/templates/outgoing/{id}`: archives the template.
    func archiveTemplate(_ id: String, _ query: [(String, String)]) throws(MetrcSimError) {
        let license = try facility(query)
        guard let key = Int(id), var t = templates[key], t["LicenseNumber"]?.stringValue == license, t["IsArchived"]?.boolValue != true
        else {
            throw .notFound("Template \(id)")
        }
        t["IsArchived"] = true
        t["LastModified"] = tick()
        templates[key] = t
    }

    /// `GET /transfers/v2/templates/outgoing`: the licence's active templates changed inside
    /// the window, as rows (destinations counted, not listed).
    func listTemplates(_ query: [(String, String)]) throws(MetrcSimError) -> JSONValue {
        let license = try facility(query)
        let window = try MetrcEnvelope.window(query)
        let rows: [JSONValue] = templates.keys.sorted().compactMap { templates[$0] }
            .filter {
                $0["LicenseNumber"]?.stringValue == license && $0["IsArchived"]?.boolValue != true && MetrcEnvelope.modified($0, in: window)
            }
            .map { t in
                let destinations = t["Destinations"]?.arrayValue ?? []
                return .object(
                    JSONObject([
                        ("Id", t["Id"] ?? .null), ("Name", t["Name"] ?? .null),
                        ("TransporterFacilityLicenseNumber", t["TransporterFacilityLicenseNumber"] ?? .null),
                        ("DriverName", t["DriverName"] ?? .null), ("CreatedDateTime", t["CreatedDateTime"] ?? .null),
                        ("LastModified", t["LastModified"] ?? .null), ("DeliveryCount", .int(destinations.count)),
                        ("PackageCount", .int(destinations.reduce(0) { $0 + ($1["Packages"]?.arrayValue?.count ?? 0) })),
                    ]))
            }
        return try MetrcEnvelope.page(rows, query: query)
    }

    /// Every template in full, archived ones included (for `GET /_sim/templates`).
    func allTemplates() -> [JSONValue] { templates.keys.sorted().compactMap { templates[$0].map(JSONValue.object) } }
}
