public import Foundation
public import LeafSyncJSON

/// Seed data, one JSON array per file: `facilities.json` (`{Name, License: {Number,
/// LicenseType}}`: the facilities the keys reach), `packages.json` (`{Id, Label,
/// LicenseNumber, ItemName, Quantity, UnitOfMeasureName}`: each facility's inventory),
/// `templates.json` (template write bodies with `Id` and `LicenseNumber`) and
/// `transfers.json` (outgoing transfer rows with `"Deliveries": [{…, "Packages": [...]}]`, the
/// shape LeafSync logs). Missing files mean empty tables.
public struct MetrcSeed: Sendable {
    public var facilities: [JSONObject] = []
    public var packages: [JSONObject] = []
    public var templates: [JSONObject] = []
    public var transfers: [JSONObject] = []

    public static let fileNames = ["facilities", "packages", "templates", "transfers"]

    public init() {}

    /// Reads every known file present in `directory`.
    public init(directory: URL) throws {
        var bundle = JSONObject()
        for name in Self.fileNames {
            let url = directory.appendingPathComponent("\(name).json")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let value: JSONValue
            do { value = try JSONParser.parse(Array(try Data(contentsOf: url))) } catch {
                throw MetrcSeedError(file: url.path, reason: "\(error)")
            }
            guard case .array = value else { throw MetrcSeedError(file: url.path, reason: "expected a JSON array") }
            bundle[name] = value
        }
        self.init(bundle: .object(bundle))
    }

    /// A seed from one object `{"facilities": [...], "packages": [...], …}`.
    public init(bundle: JSONValue) {
        func rows(_ name: String) -> [JSONObject] { bundle[name]?.arrayValue?.compactMap(\.objectValue) ?? [] }
        facilities = rows("facilities")
        packages = rows("packages")
        templates = rows("templates")
        transfers = rows("transfers")
    }
}

public struct MetrcSeedError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "Metrc seed file \(file) unreadable: \(reason)" }
}
