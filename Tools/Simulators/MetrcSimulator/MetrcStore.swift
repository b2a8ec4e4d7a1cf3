import Foundation
public import LeafSyncJSON
import MetrcAPI

/// The simulator's state: the facilities the keys reach, each facility's packages, outgoing
/// transfer templates and transfers (rows with their deliveries and packages nested), a clock
/// for `LastModified`, and the API requests received (for tests that count windows). The rules
/// live in the extensions.
public actor MetrcStore {
    /// Licence number → `{Name, License: {Number, LicenseType}}`, in seed order.
    var facilities: JSONObject = JSONObject()
    /// Package label → `{Id, Label, LicenseNumber, ItemName, Quantity, UnitOfMeasureName}`.
    var packages: JSONObject = JSONObject()
    /// Template id → the template as written, with `Id`, `LicenseNumber`, `CreatedDateTime`,
    /// `LastModified` and `IsArchived`.
    var templates: [Int: JSONObject] = [:]
    /// Transfer id → the row with `"Deliveries": [{…, "Packages": [...]}]`.
    var transfers: [Int: JSONObject] = [:]
    var requests: [JSONValue] = []
    var lastMicros: Int64 = 0
    var nextID = 100_000

    public init(seed: MetrcSeed = MetrcSeed()) {
        for f in seed.facilities {
            if let n = f["License"]?["Number"]?.stringValue { facilities[n] = .object(f) }
        }
        for p in seed.packages {
            guard let label = p["Label"]?.stringValue else { continue }
            var row = p
            if row["Id"] == nil {
                nextID += 1
                row["Id"] = .int(nextID)
            }
            packages[label] = .object(row)
        }
        for t in seed.templates { if let id = t["Id"]?.intValue { templates[id] = t } }
        for t in seed.transfers { if let id = t["Id"]?.intValue { transfers[id] = t } }
        let seeded = templates.keys.max() ?? 0
        nextID = max(nextID, seeded + 1, (transfers.keys.max() ?? 0) + 1)
    }

    // MARK: Clock and ids

    /// A strictly increasing `LastModified`, Metrc's `…+00:00` form.
    func tick() -> JSONValue {
        lastMicros = max(MetrcTimestamp.now.microseconds, lastMicros + 1)
        return .string(MetrcTimestamp(microseconds: lastMicros).recordText)
    }

    func takeID() -> Int {
        nextID += 1
        return nextID
    }

    // MARK: Requests (tests)

    func record(method: String, path: String, query: [(String, String)], status: Int) {
        requests.append(
            .object(
                JSONObject([
                    ("method", .string(method)), ("path", .string(path)),
                    ("query", .object(JSONObject(query.map { ($0.0, .string($0.1)) }, uniquingKeysWith: { _, b in b }))),
                    ("status", .int(status)),
                ])))
    }

    /// The API requests received so far: `{method, path, query, status}`.
    public func receivedRequests() -> [JSONValue] { requests }

    func clearRequests() { requests = [] }

    /// Row counts for `GET /_sim/state`.
    public func counts() -> [String: Int] {
        [
            "facilities": facilities.count, "packages": packages.count,
            "templates": templates.values.filter { $0["IsArchived"]?.boolValue != true }.count,
            "archived_templates": templates.values.filter { $0["IsArchived"]?.boolValue == true }.count,
            "transfers": transfers.count, "requests": requests.count,
        ]
    }

    // MARK: Licences

    /// The licence of a facility call: 400 without one, 401 for one the keys do not reach.
    func facility(_ query: [(String, String)]) throws(MetrcSimError) -> String {
        guard let license = query.first(where: { $0.0 == "licenseNumber" })?.1, !license.isEmpty else {
            throw MetrcSimError(400, "No license number was specified. Add ?licenseNumber= to the request.")
        }
        guard facilities[license] != nil else { throw .unauthorized }
        return license
    }

    func facilityRows() -> [JSONValue] { Array(facilities.values) }
}

/// `{"Data": [...], "Total", "TotalRecords", "PageSize", "RecordsOnPage", "Page", "CurrentPage",
/// "TotalPages"}` for one page of `rows`, from `pageNumber` (1-based) and `pageSize` (≤ 20).
enum MetrcEnvelope {
    static let maximumPageSize = 20

    static func page(_ rows: [JSONValue], query: [(String, String)]) throws(MetrcSimError) -> JSONValue {
        func int(_ name: String, default value: Int) throws(MetrcSimError) -> Int {
            guard let text = query.first(where: { $0.0 == name })?.1 else { return value }
            guard let n = Int(text) else { throw MetrcSimError(400, "The value '\(text)' is not valid for \(name).") }
            return n
        }
        let size = try int("pageSize", default: maximumPageSize)
        guard (1...maximumPageSize).contains(size) else {
            throw MetrcSimError(400, "The pageSize must be between 1 and \(maximumPageSize).")
        }
        let number = try int("pageNumber", default: 1)
        guard number >= 1 else { throw MetrcSimError(400, "The pageNumber must be 1 or greater.") }
        let totalPages = max(1, (rows.count + size - 1) / size)
        let slice = Array(rows.dropFirst((number - 1) * size).prefix(size))
        return .object(
            JSONObject([
                ("Data", .array(slice)), ("Total", .int(rows.count)), ("TotalRecords", .int(rows.count)), ("PageSize", .int(size)),
                ("RecordsOnPage", .int(slice.count)), ("Page", .int(number)), ("CurrentPage", .int(number)),
                ("TotalPages", .int(totalPages)),
            ]))
    }

    /// The `lastModifiedStart`/`End` window of a list call, nil for none; wider than 24 hours
    /// (an open end counts to now) or reversed is a 400, as on Metrc.
    static func window(_ query: [(String, String)]) throws(MetrcSimError) -> ClosedRange<Int64>? {
        func instant(_ name: String) throws(MetrcSimError) -> Int64? {
            guard let text = query.first(where: { $0.0 == name })?.1 else { return nil }
            guard let t = MetrcTimestamp(text) else { throw MetrcSimError(400, "The value '\(text)' is not a valid \(name).") }
            return t.microseconds
        }
        let start = try instant("lastModifiedStart")
        let end = try instant("lastModifiedEnd")
        guard start != nil || end != nil else { return nil }
        guard let s = start else { throw MetrcSimError(400, "lastModifiedEnd requires lastModifiedStart.") }
        let e = end ?? MetrcTimestamp.now.microseconds
        guard s <= e else { throw MetrcSimError(400, "lastModifiedStart must be before lastModifiedEnd.") }
        guard e - s <= 24 * 3600 * 1_000_000 else {
            throw MetrcSimError(400, "The date range between lastModifiedStart and lastModifiedEnd cannot be greater than 24 hours.")
        }
        return s...e
    }

    /// Whether `row`'s `LastModified` falls inside `window` (always, without one).
    static func modified(_ row: JSONObject, in window: ClosedRange<Int64>?) -> Bool {
        guard let window else { return true }
        guard let t = row["LastModified"]?.stringValue.flatMap(MetrcTimestamp.init) else { return false }
        return window.contains(t.microseconds)
    }
}
