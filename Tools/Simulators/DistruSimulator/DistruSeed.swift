public import Foundation
import HTTPClientSupport
public import LeafSyncJSON

/// Seed data: one JSON array per resource, in files named after it: `products.json`,
/// `inventory.json` (rows `{product_id, location_id, active}`), `orders.json`,
/// `companies.json`, `users.json`, `locations.json`, `taxes.json`, `invoices.json`.
/// Records are taken as Distru renders them; missing files mean empty tables.
public struct DistruSeed: Sendable {
    public var tables: [String: [JSONObject]] = [:]

    public static let fileNames = ["users", "locations", "taxes", "companies", "products", "inventory", "orders", "invoices"]

    public init() {}

    /// Reads every known file present in `directory`.
    public init(directory: URL) throws {
        for name in Self.fileNames {
            let url = directory.appendingPathComponent("\(name).json")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let value: JSONValue
            do { value = try JSONParser.parse(Array(try Data(contentsOf: url))) } catch {
                throw DistruSeedError(file: url.path, reason: "\(error)")
            }
            guard case .array(let items) = value else { throw DistruSeedError(file: url.path, reason: "expected a JSON array") }
            tables[name] = items.compactMap(\.objectValue)
        }
    }

    /// A seed from one object `{"products": [...], "companies": [...], …}`.
    public init(bundle: JSONValue) {
        for name in Self.fileNames { tables[name] = bundle[name]?.arrayValue?.compactMap(\.objectValue) }
    }
}

public struct DistruSeedError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "Distru seed file \(file) unreadable: \(reason)" }
}
