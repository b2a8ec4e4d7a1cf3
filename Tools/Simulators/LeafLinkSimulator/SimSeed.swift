public import Foundation
import LeafLinkAPI
public import LeafSyncJSON

/// Seed data: one JSON array per resource, as files named after the resource path
/// (`products.json`, `orders-received.json`, `line-items.json`, `customers.json`,
/// `company-staff.json`, `order-payments.json`, `credits.json`, `brands.json`, …) plus an
/// optional `company.json` (`{"id", "name"}`). Missing fields are filled from LeafLink's examples.
public struct SimSeed: Sendable {
    public var tables: [String: [JSONObject]] = [:]
    public var company: JSONObject?

    public init() {}

    public static let fileNames = [
        "company-staff", "customers", "brands", "product-lines", "product-categories", "product-subcategories",
        "strains", "licenses", "products", "orders-received", "line-items", "order-payments", "credits",
        "order-event-logs", "order-sales-reps",
    ]

    /// Reads every known file present in `directory`.
    public init(directory: URL) throws {
        for name in Self.fileNames {
            let url = directory.appendingPathComponent("\(name).json")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let value = try JSONParser.parse(Array(try Data(contentsOf: url)))
            guard case .array(let items) = value else { throw SeedError(file: url.path, reason: "expected a JSON array") }
            tables[name] = items.compactMap(\.objectValue)
        }
        let companyURL = directory.appendingPathComponent("company.json")
        if FileManager.default.fileExists(atPath: companyURL.path) {
            company = try JSONParser.parse(Array(try Data(contentsOf: companyURL))).objectValue
        }
    }

    /// A seed from one JSON object `{"products": [...], "customers": [...], "company": {...}}`.
    public init(bundle: JSONValue) {
        for name in Self.fileNames { tables[name] = bundle[name]?.arrayValue?.compactMap(\.objectValue) }
        company = bundle["company"]?.objectValue
    }

    public struct SeedError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "seed file \(file): \(reason)" }
    }
}

extension LeafLinkStore {
    /// Adds seed records (replacing same ids), completing each from the templates and
    /// recomputing order totals and product inventory fields.
    public func load(_ seed: SimSeed) {
        if let c = seed.company { company = company.merging(c) }
        let stamp = now()
        for name in SimSeed.fileNames {
            for var record in seed.tables[name] ?? [] {
                let template: JSONObject? =
                    switch name {
                    case "products": Templates.product
                    case "orders-received": Templates.order
                    case "line-items": Templates.lineItem
                    case "customers": Templates.customer
                    case "company-staff": Templates.staff
                    case "order-payments": Templates.payment
                    case "credits": Templates.credit
                    case "order-event-logs": Templates.eventLog
                    case "order-sales-reps": Templates.salesRep
                    default: Templates.reference[name]
                    }
                if let template { record = record.filling(from: template) }
                for field in ["created_on", "modified", "last_edit"] where record[field]?.stringValue == "" {
                    record[field] = .string(stamp)
                }
                let key: String
                if name == "orders-received" {
                    guard let number = record["number"]?.stringValue else { continue }
                    key = number
                    record = normalizeOrderIDs(record)
                } else {
                    guard let id = record["id"]?.intValue else { continue }
                    key = String(id)
                    nextID = max(nextID, id)
                }
                put(name, key, record)
            }
        }
        for key in order["products"] ?? [] { refreshProduct(key, touch: false) }
        for number in order["orders-received"] ?? [] { recompute(number, touch: false) }
        deriveOrderHistory(seed)
    }

    /// Seeds without rep links or event logs get them from their orders: one
    /// `/order-sales-reps/` row per rep and a `created` event (plus one for the status reached).
    func deriveOrderHistory(_ seed: SimSeed) {
        let numbers = (seed.tables["orders-received"] ?? []).compactMap { $0["number"]?.stringValue }
        for number in numbers {
            guard let o = get(Self.orders, number) else { continue }
            let created = o["created_on"] ?? .string(now())
            if seed.tables["order-sales-reps"] == nil {
                for rep in o["sales_reps"]?.arrayValue ?? [] {
                    guard let repID = rep["id"]?.intValue else { continue }
                    let id = newID()
                    put(
                        "order-sales-reps", String(id),
                        ["id": .int(id), "order": .string(number), "rep": .int(repID), "created_on": created])
                }
            }
            if seed.tables["order-event-logs"] == nil {
                var events: [(String, JSONValue, JSONObject)] = [("created", created, [:])]
                let status = o["status"]?.stringValue ?? "Draft"
                if let type = OrderRules.eventType[status] {
                    events.append((type, o["modified"] ?? created, ["status": ["original": "Draft", "new": .string(status)]]))
                }
                for (type, at, changed) in events {
                    let id = newID()
                    var e = Templates.eventLog
                    e["id"] = .int(id)
                    e["order"] = .string(number)
                    e["author_name"] = type == "created" ? "Buyer" : "Seller"
                    e["by"] = type == "created" ? "buyer" : "seller"
                    e["event_type"] = .string(type)
                    e["created_on"] = at
                    e["modified"] = at
                    e["timestamp"] = at
                    e["changed_fields"] = .object(changed)
                    put("order-event-logs", String(id), e)
                }
            }
        }
    }

    func normalizeOrderIDs(_ o: JSONObject) -> JSONObject {
        var o = o
        let number = o["number"]?.stringValue ?? ""
        let short = String(number.replacingOccurrences(of: "-", with: "").suffix(8))
        if o["short_id"]?.stringValue == "" { o["short_id"] = .string(short) }
        for k in ["order_number"] where o[k]?.stringValue == "" { o[k] = .string(number) }
        for k in ["order_seller_number", "order_buyer_number", "order_short_number"] where o[k]?.stringValue == "" {
            o[k] = .string(short)
        }
        return o
    }
}

extension JSONObject {
    /// This object with every key of `other` set from `other`.
    func merging(_ other: JSONObject) -> JSONObject {
        var o = self
        for (k, v) in other { o[k] = v }
        return o
    }
}
