import DistruAPI
import Foundation
public import LeafSyncJSON

/// The simulator's state: Distru's records, stock on hand per product and location, a clock for
/// `updated_datetime`, and the webhooks waiting to be sent. All rules live in the extensions.
public actor DistruStore {
    var tables: [String: Table] = [:]
    /// On-hand stock per `product|location`, before what shipped orders took out.
    var onHand: [String: Decimal] = [:]
    var inventoryKeys: [String] = []
    /// Order id → ids of its fulfilled lines.
    var fulfilled: [String: Set<String>] = [:]
    var settings: DistruSimSettings
    var outbox: [JSONValue] = []
    var lastMicros: Int64 = 0
    var orderCounter = 1000
    var invoiceCounter = 5000

    public init(seed: DistruSeed = DistruSeed(), settings: DistruSimSettings = DistruSimSettings()) {
        self.settings = settings
        for (name, rows) in seed.tables where name != "inventory" {
            var t = Table()
            for r in rows { if let id = W.id(r["id"]) { t[id] = r } }
            tables[name] = t
        }
        for order in tables["orders"]?.all ?? [] {
            guard let id = W.id(order["id"]), let status = order["status"]?.stringValue,
                SalesOrderStatus(rawValue: status).needsFulfilledLines
            else { continue }
            fulfilled[id] = Set((order["items"]?.arrayValue ?? []).compactMap { W.id($0["id"]) })
        }
        var stock: [String: Decimal] = [:]
        var keys: [String] = []
        for row in seed.tables["inventory"] ?? [] {
            guard let p = W.id(row["product_id"]), let l = W.id(row["location_id"]) else { continue }
            let k = Self.key(p, l)
            if stock[k] == nil { keys.append(k) }
            stock[k, default: 0] += W.dec(row["active"]) ?? 0
        }
        // Seeded `active` is after shipping: add back what seeded shipped orders took.
        for (k, q) in Self.lineQuantities(tables["orders"]?.all ?? [], where: { $0.hasShipped }) {
            if stock[k] == nil { keys.append(k) }
            stock[k, default: 0] += q
        }
        onHand = stock
        inventoryKeys = keys
        orderCounter += tables["orders"]?.count ?? 0
        invoiceCounter += tables["invoices"]?.count ?? 0
    }

    // MARK: Clock

    /// A strictly increasing `updated_datetime`.
    func tick() -> JSONValue {
        let now = DistruTimestamp.now.microseconds
        lastMicros = max(now, lastMicros + 1)
        return .string(DistruTimestamp(microseconds: lastMicros).text)
    }

    // MARK: Reading

    func table(_ name: String) -> Table { tables[name] ?? Table() }

    func require(_ name: String, _ id: String) throws(DistruSimError) -> JSONObject {
        guard let r = tables[name]?[id] else { throw .notFound(Self.singular(name)) }
        return r
    }

    static func singular(_ table: String) -> String {
        switch table {
        case "companies": "company"
        case "taxes": "tax"
        case "inventory": "inventory"
        default: String(table.dropLast())
        }
    }

    /// A record as the API shows it (products get their live `quantity_available`).
    func rendered(_ name: String, _ row: JSONObject) -> JSONObject {
        guard name == "products", let id = W.id(row["id"]) else { return row }
        var r = row
        let total = inventoryRows().filter { W.id($0["product_id"]) == id }.reduce(Decimal(0)) { $0 + (W.dec($1["available"]) ?? 0) }
        r["quantity_available"] = W.text(total)
        return r
    }

    public func get(_ name: String, _ id: String) throws(DistruSimError) -> JSONObject {
        if name == "inventory" { throw .notFound("inventory") }
        return rendered(name, try require(name, id))
    }

    /// One page: `{"data": [...], "next_page": URL|null}`. `query` keeps its other parameters
    /// in `next_page`; `updated_datetime=FROM,TO` filters where Distru supports it.
    func listPage(_ name: String, query: [(String, String)], baseURL: String) -> JSONValue {
        var rows: [JSONObject] = name == "inventory" ? inventoryRows() : table(name).all.map { rendered(name, $0) }
        if let range = query.first(where: { $0.0 == "updated_datetime" })?.1,
            DistruResource(rawValue: name)?.supportsUpdatedFilter == true
        {
            let parts = range.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let from = parts.first.flatMap({ DistruTimestamp($0) })
            let to = parts.count > 1 ? DistruTimestamp(parts[1]) : nil
            rows = rows.filter { r in
                guard let t = r["updated_datetime"]?.stringValue.flatMap({ DistruTimestamp($0) }) else { return from == nil }
                return (from.map { t >= $0 } ?? true) && (to.map { t <= $0 } ?? true)
            }
        }
        let size = settings.pageSize(name)
        let pageText = query.first(where: { $0.0 == "page[number]" })?.1 ?? query.first(where: { $0.0 == "page" })?.1
        let page = max(1, pageText.flatMap { Int($0) } ?? 1)
        let start = min((page - 1) * size, rows.count)
        let end = min(start + size, rows.count)
        var next: JSONValue = .null
        if end < rows.count {
            let kept = query.filter { $0.0 != "page[number]" && $0.0 != "page" } + [("page[number]", String(page + 1))]
            next = .string(baseURL + name + "?" + kept.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&"))
        }
        return .object(JSONObject([("data", .array(rows[start..<end].map { .object($0) })), ("next_page", next)]))
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,:")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    public func counts() -> [String: Int] { tables.mapValues(\.count) }

    public func updateSettings(_ s: DistruSimSettings) { settings = s }
    public func currentSettings() -> DistruSimSettings { settings }

    // MARK: Webhooks

    /// Queues `{type, event, id, object, changes, occurred_datetime}`.
    func notify(_ type: String, _ event: String, id: String, before: JSONObject?, after: JSONObject?) {
        var changes = JSONObject()
        if event == "UPDATE", let before, let after {
            for key in Set(before.keys).union(after.keys).sorted() where key != "updated_datetime" && before[key] != after[key] {
                changes[key] = [before[key] ?? .null, after[key] ?? .null]
            }
            if changes.count == 0 { return }
        }
        outbox.append(
            .object(
                JSONObject([
                    ("type", .string(type)), ("event", .string(event)), ("id", .string(id)),
                    ("object", after.map { .object($0) } ?? .null), ("changes", .object(changes)),
                    ("occurred_datetime", .string(DistruTimestamp.now.text)),
                ])))
    }

    func drainOutbox() -> [JSONValue] {
        defer { outbox = [] }
        return outbox
    }
}
