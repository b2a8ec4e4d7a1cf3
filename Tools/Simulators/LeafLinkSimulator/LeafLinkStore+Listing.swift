import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    // MARK: - Reading

    /// An order as the API shows it, with `include_children` expanded.
    func render(order o: JSONObject, include: Set<String>) -> JSONObject {
        var o = o
        let number = o["number"]?.stringValue ?? ""
        if include.contains("line_items") { o["line_items"] = .array(linesOf(number).map { .object($0) }) }
        if include.contains("customer"), let id = o["customer"]?["id"]?.intValue, let c = get("customers", String(id)) {
            var full = c
            full["display_name"] = c["display_name"].flatMap { $0.stringValue?.isEmpty == false ? $0 : nil } ?? c["name"] ?? ""
            o["customer"] = .object(full)
        }
        return o
    }

    /// The filters the simulator implements per list, each one the v2 OpenAPI document lists for
    /// that path. Any other query parameter is ignored, as django-filter ignores unknown ones:
    /// `/order-payments/?order=N` lists every payment (use `/orders-received/N/payments/`).
    static let listFilters: [String: Set<String>] = [
        orders: ["modified__gte", "modified__gt", "modified__lte", "modified__lt", "status", "number", "external_id_seller", "customer"],
        "products": ["modified__gte", "modified__gt", "modified__lte", "modified__lt", "sku", "listing_state"],
        lines: ["order__modified__gte", "order__modified__lte", "order"],
        "customers": ["modified__gte", "modified__gt", "modified__lte", "modified__lt", "id__in"],
        "credits": ["order", "customer", "status"],
        "order-event-logs": ["order"],
    ]

    /// A list page: filters, `limit`/`offset`, and the envelope with absolute `next`/`previous`.
    func listPage(_ table: String, query: [(String, String)], baseURL: String) -> JSONValue {
        let q = Dictionary(query, uniquingKeysWith: { _, b in b })
        var records = all(table)
        func ts(_ s: String?) -> Int64? { s.flatMap(LeafLinkTimestamp.parse) }
        let filters = Self.listFilters[table] ?? []
        for (key, value) in q where filters.contains(key) {
            let bound = ts(value)
            func modifiedOf(_ r: JSONObject) -> Int64? {
                if table == Self.lines, let n = r["order"]?.stringValue { return ts(get(Self.orders, n)?["modified"]?.stringValue) }
                return ts(r["modified"]?.stringValue)
            }
            switch key {
            case "modified__gte", "order__modified__gte": if let b = bound { records = records.filter { (modifiedOf($0) ?? 0) >= b } }
            case "modified__gt", "order__modified__gt": if let b = bound { records = records.filter { (modifiedOf($0) ?? 0) > b } }
            case "modified__lte", "order__modified__lte": if let b = bound { records = records.filter { (modifiedOf($0) ?? 0) <= b } }
            case "modified__lt", "order__modified__lt": if let b = bound { records = records.filter { (modifiedOf($0) ?? 0) < b } }
            case "status", "sku", "listing_state", "number", "external_id_seller":
                let wanted = Set(value.split(separator: ",").map(String.init))
                records = records.filter { wanted.contains($0[key]?.stringValue ?? "") }
            case "order":
                records = records.filter { $0["order"]?.stringValue == value }
            case "customer":
                records = records.filter { ($0["customer"]?["id"]?.intValue ?? $0["customer"]?.intValue).map(String.init) == value }
            case "id__in":
                let ids = Set(value.split(separator: ","))
                records = records.filter { ids.contains(Substring($0["id"]?.intValue.map(String.init) ?? "")) }
            default:
                break  // unknown filters are ignored, as django-filter does
            }
        }
        let limit = min(max(Int(q["limit"] ?? "") ?? 50, 1), 1000)
        let offset = max(Int(q["offset"] ?? "") ?? 0, 0)
        let include = Set((q["include_children"] ?? "").split(separator: ",").map { String($0) })
        let slice = records.dropFirst(offset).prefix(limit).map { r -> JSONValue in
            .object(table == Self.orders ? render(order: r, include: include) : r)
        }
        func link(_ newOffset: Int) -> JSONValue {
            var items = query.filter { $0.0 != "offset" && $0.0 != "limit" }
            items.append(("limit", String(limit)))
            items.append(("offset", String(newOffset)))
            let qs = items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
            return .string("\(baseURL)\(table)/?\(qs)")
        }
        return .object(
            JSONObject([
                ("count", .int(records.count)),
                ("next", offset + limit < records.count ? link(offset + limit) : .null),
                ("previous", offset > 0 ? link(max(0, offset - limit)) : .null),
                ("results", .array(Array(slice))),
            ]))
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~,"))) ?? s
    }
}
