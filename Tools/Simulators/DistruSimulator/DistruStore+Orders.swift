import DistruAPI
import Foundation
public import LeafSyncJSON

/// Sales orders: sparse upserts with client-chosen ids, the seven statuses and their rules.
extension DistruStore {
    /// Creates or updates an order (which one: ``writeTarget(_:body:queryID:)``) from Distru's
    /// write fields (`company_id`, `owner_id`, `location_id`, `billing_location_id`,
    /// `shipping_location_id`, `items[].product_id`, `charges[].tax_id`, …). Fields left out are
    /// kept; `items` and `charges`, when given, replace the lists. The Python SDK's
    /// `company_relationship_id`, `order_date` and `order_items[].unit_price` are accepted too.
    public func upsertOrder(_ b: JSONObject, id queryID: String? = nil) throws(DistruSimError) -> JSONObject {
        let id = try writeTarget("orders", body: b, queryID: queryID)
        let before = tables["orders"]?[id]
        var o = before ?? newOrder(id: id)
        let company = try applyCustomer(&o, b)
        if let lid = W.id(b["location_id"]) {
            o["location"] = try ref("locations", lid, pointer: "location_id")
        }
        if let uid = W.id(b["owner_id"]) {
            let u = try require("users", uid)
            o["owner"] = .object(JSONObject([("id", u["id"] ?? .string(uid)), ("full_name", u["full_name"] ?? .null)]))
        }
        for (key, aliases) in [("order_datetime", ["order_date"]), ("delivery_datetime", ["delivery_date"])] {
            guard let (given, v) = ([key] + aliases).lazy.compactMap({ k in b[k].map { (k, $0) } }).first else { continue }
            if v == .null { o[key] = .null; continue }
            guard let t = v.stringValue.flatMap({ DistruTimestamp($0) }) ?? v.stringValue.flatMap({ DistruTimestamp($0 + "T00:00:00Z") })
            else {
                throw .invalid("is not a valid datetime", .string(given))
            }
            o[key] = .string(t.text)
        }
        for key in [
            "internal_notes", "external_notes", "leaflink_id", "leaflink_order_number", "metrc_transfer_id", "metrc_transfer_template_id",
        ] where b[key] != nil {
            o[key] = b[key]
        }
        if b["notes"] != nil, b["internal_notes"] == nil { o["internal_notes"] = b["notes"] }
        if let items = (b["items"] ?? b["order_items"]) {
            guard let list = items.arrayValue else { throw .invalid("must be a list", "items") }
            o["items"] = .array(
                try list.enumerated().map { i, item throws(DistruSimError) in try orderItem(item, index: i, order: o, existing: before) })
        }
        if let charges = b["charges"] {
            guard let list = charges.arrayValue else { throw .invalid("must be a list", "charges") }
            o["charges"] = .array(try list.enumerated().map { i, c throws(DistruSimError) in try charge(c, index: i) })
        }
        if before == nil, company == nil, o["company"] == .null { throw .invalid("can't be blank", "company_id") }
        if let status = b["status"] {
            guard let s = status.stringValue, SalesOrderStatus(rawValue: s).isKnown else {
                throw .invalid("must be one of \(SalesOrderStatus.known.map(\.rawValue).joined(separator: ", "))", "status")
            }
            o["status"] = .string(s)
        }
        if let kept = fulfilled[id] {
            let ids = Set((o["items"]?.arrayValue ?? []).compactMap { W.id($0["id"]) })
            fulfilled[id] = kept.intersection(ids)
        }
        try checkStatusRules(o)
        o["total"] = W.text(total(o))
        o["updated_datetime"] = tick()
        tables["orders", default: Table()][id] = o
        notify("ORDER", before == nil ? "CREATE" : "UPDATE", id: id, before: before, after: o)
        return o
    }

    func newOrder(id: String) -> JSONObject {
        orderCounter += 1
        return JSONObject([
            ("id", .string(id)), ("order_number", .string("SO-\(String(format: "%06d", orderCounter))")), ("status", "PENDING"),
            ("company", .null), ("billing_location", .null), ("shipping_location", .null), ("location", .null), ("owner", .null),
            ("order_datetime", .string(DistruTimestamp.now.text)), ("delivery_datetime", .null),
            ("internal_notes", .null), ("external_notes", .null), ("items", []), ("charges", []), ("total", "0.000000"),
            ("invoices", []), ("metrc_transfer_id", .null), ("metrc_transfer_template_id", .null),
            ("leaflink_id", .null), ("leaflink_order_number", .null), ("updated_datetime", .null),
        ])
    }

    /// `company_id` and the billing/shipping locations, which must belong to the company.
    func applyCustomer(_ o: inout JSONObject, _ b: JSONObject) throws(DistruSimError) -> JSONObject? {
        var company: JSONObject?
        if let cid = W.id(b["company_id"]) ?? W.id(b["company_relationship_id"]) {
            let c = try require("companies", cid)
            company = c
            o["company"] = .object(JSONObject([("id", c["id"] ?? .string(cid)), ("name", c["name"] ?? .null)]))
            let first = c["locations"]?.arrayValue?.first.map { Self.nameRef($0) } ?? .null
            if b["billing_location_id"] == nil { o["billing_location"] = first }
            if b["shipping_location_id"] == nil { o["shipping_location"] = first }
        }
        let customerID = W.id(o["company"])
        for key in ["billing_location", "shipping_location"] {
            guard let lid = W.id(b["\(key)_id"]) else { continue }
            let c = try require("companies", customerID ?? "")
            guard let loc = c["locations"]?.arrayValue?.first(where: { W.id($0["id"]) == lid }) else {
                throw .invalid("is not a location of the order's company", .string("\(key)_id"))
            }
            o[key] = Self.nameRef(loc)
        }
        return company
    }

    static func nameRef(_ v: JSONValue) -> JSONValue {
        .object(JSONObject([("id", v["id"] ?? .null), ("name", v["name"] ?? .null)]))
    }

    func ref(_ table: String, _ id: String, pointer: JSONValue...) throws(DistruSimError) -> JSONValue {
        guard let r = tables[table]?[id] else { throw DistruSimError(422, "\(Self.singular(table)) \(id) not found", pointer: pointer) }
        return Self.nameRef(.object(r))
    }

    func orderItem(_ v: JSONValue, index i: Int, order: JSONObject, existing: JSONObject?) throws(DistruSimError) -> JSONValue {
        let p: (String) -> JSONValue = { .string($0) }
        guard case .object(let b) = v else { throw .invalid("must be an object", "items", .int(i)) }
        let itemID = W.id(b["id"]) ?? UUID().uuidString.lowercased()
        let old = existing?["items"]?.arrayValue?.first { W.id($0["id"]) == itemID }?.objectValue
        guard let pid = W.id(b["product_id"]) ?? W.id(b["product"]) ?? W.id(old?["product"]) else {
            throw .invalid("can't be blank", "items", .int(i), p("product_id"))
        }
        let product = try ref("products", pid, pointer: "items", .int(i), p("product_id"))
        guard let q = W.dec(b["quantity"]) ?? W.dec(old?["quantity"]) else {
            throw .invalid("can't be blank", "items", .int(i), p("quantity"))
        }
        guard q > 0 else { throw .invalid("must be greater than 0", "items", .int(i), p("quantity")) }
        let priceValue = b["price"] ?? b["unit_price"] ?? old?["price"] ?? tables["products"]?[pid]?["unit_price"]
        guard let price = W.dec(priceValue) ?? (priceValue == nil || priceValue == .null ? 0 : nil), price >= 0 else {
            throw .invalid("is not a valid price", "items", .int(i), p("price"))
        }
        var location: JSONValue = old?["location"] ?? .null
        if let lid = W.id(b["location_id"]) { location = try ref("locations", lid, pointer: "items", .int(i), p("location_id")) }
        return .object(
            JSONObject([
                ("id", .string(itemID)), ("product", product), ("quantity", W.text(q)), ("price", W.text(price)),
                ("price_base", W.dec(b["price_base"]).map(W.text) ?? old?["price_base"] ?? W.text(price)), ("location", location),
                ("batch", old?["batch"] ?? .null), ("package", old?["package"] ?? .null),
                ("is_sample", b["is_sample"] ?? old?["is_sample"] ?? false), ("note", b["note"] ?? old?["note"] ?? .null),
                ("leaflink_id", b["leaflink_id"] ?? old?["leaflink_id"] ?? .null),
            ]))
    }

    func charge(_ v: JSONValue, index i: Int) throws(DistruSimError) -> JSONValue {
        guard case .object(let b) = v else { throw .invalid("must be an object", "charges", .int(i)) }
        let type = b["type"]?.stringValue ?? "CHARGE"
        guard type == "CHARGE" || type == "DISCOUNT" else { throw .invalid("must be CHARGE or DISCOUNT", "charges", .int(i), "type") }
        let unit = b["unit_type"]?.stringValue ?? "PRICE"
        guard unit == "PERCENT" || unit == "PRICE" else { throw .invalid("must be PERCENT or PRICE", "charges", .int(i), "unit_type") }
        var tax: JSONValue = .null
        if let tid = W.id(b["tax_id"]) { tax = try ref("taxes", tid, pointer: "charges", .int(i), "tax_id") }
        return .object(
            JSONObject([
                ("name", b["name"] ?? .null), ("type", .string(type)), ("unit_type", .string(unit)),
                ("percent", W.dec(b["percent"]).map(W.text) ?? .null), ("price", W.dec(b["price"]).map(W.text) ?? .null), ("tax", tax),
            ]))
    }

    /// Σ quantity × price, plus charges and minus discounts (PRICE as is, PERCENT of the subtotal).
    func total(_ o: JSONObject) -> Decimal {
        let subtotal = (o["items"]?.arrayValue ?? []).reduce(Decimal(0)) { $0 + (W.dec($1["quantity"]) ?? 0) * (W.dec($1["price"]) ?? 0) }
        return (o["charges"]?.arrayValue ?? []).reduce(subtotal) { sum, c in
            let amount = c["unit_type"]?.stringValue == "PERCENT" ? subtotal * (W.dec(c["percent"]) ?? 0) / 100 : (W.dec(c["price"]) ?? 0)
            return c["type"]?.stringValue == "DISCOUNT" ? sum - amount : sum + amount
        }
    }

    /// READY_TO_SHIP and later need every line fulfilled; DELIVERING and later also need a linked
    /// Metrc transfer when a line's product is package-tracked.
    func checkStatusRules(_ o: JSONObject) throws(DistruSimError) {
        guard let s = o["status"]?.stringValue.map(SalesOrderStatus.init(rawValue:)), let id = W.id(o["id"]) else { return }
        let items = o["items"]?.arrayValue ?? []
        if s.needsFulfilledLines {
            let done = fulfilled[id] ?? []
            if let i = items.firstIndex(where: { !done.contains(W.id($0["id"]) ?? "") }) {
                throw .invalid("every line must be fulfilled before \(s.rawValue)", "items", .int(i))
            }
        }
        if s.hasShipped, o["metrc_transfer_id"] == nil || o["metrc_transfer_id"] == .null {
            let tracked = items.contains {
                W.id($0["product"]).flatMap { tables["products"]?[$0]?["inventory_tracking_method"]?.stringValue } == "PACKAGE"
            }
            if tracked { throw .invalid("a package-tracked line needs a linked Metrc transfer before \(s.rawValue)", "metrc_transfer_id") }
        }
    }

    /// Control: marks a line (or every line) fulfilled, assigning a batch or package.
    public func fulfil(order id: String, itemID: String?, batch: JSONValue?, package: JSONValue?) throws(DistruSimError) -> JSONObject {
        let before = try require("orders", id)
        var o = before
        var items = o["items"]?.arrayValue ?? []
        var done = fulfilled[id] ?? []
        var matched = false
        for i in items.indices where itemID == nil || W.id(items[i]["id"]) == itemID {
            matched = true
            let tracking = W.id(items[i]["product"]).flatMap { tables["products"]?[$0]?["inventory_tracking_method"]?.stringValue }
            if tracking == "PACKAGE" {
                items[i]["package"] =
                    package
                    ?? .object(JSONObject([("id", .string(UUID().uuidString.lowercased())), ("label", .string(Self.packageLabel()))]))
            } else if tracking == "BATCH" {
                items[i]["batch"] = batch ?? .object(JSONObject([("id", .string(UUID().uuidString.lowercased())), ("name", "SIM-BATCH")]))
            }
            done.insert(W.id(items[i]["id"]) ?? "")
        }
        guard matched else { throw .notFound("order item") }
        fulfilled[id] = done
        o["items"] = .array(items)
        o["updated_datetime"] = tick()
        tables["orders"]![id] = o
        notify("ORDER", "UPDATE", id: id, before: before, after: o)
        return o
    }

    static func packageLabel() -> String {
        "1A4FF0100000022" + String(format: "%09d", Int.random(in: 0..<1_000_000_000))
    }

    /// Deletes an order (API `DELETE /orders/{id}` or control).
    public func deleteOrder(_ id: String) throws(DistruSimError) -> JSONObject {
        let before = try require("orders", id)
        tables["orders"]![id] = nil
        fulfilled[id] = nil
        notify("ORDER", "DELETE", id: id, before: before, after: nil)
        return before
    }
}
