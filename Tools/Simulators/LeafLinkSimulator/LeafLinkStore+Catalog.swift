import Foundation
import LeafLinkAPI

extension LeafLinkStore {
    // MARK: - Products

    /// `POST /products/`: requires `name`, `sku` (unique per company) and `wholesale_price`.
    func createProduct(_ body: JSONObject) throws(SimError) -> JSONObject {
        for f in ["name", "sku"] where (body[f]?.stringValue ?? "").isEmpty { throw .field(f, "This field is required.") }
        guard body["wholesale_price"] != nil else { throw .field("wholesale_price", "This field is required.") }
        let sku = body["sku"]!.stringValue!
        if all("products").contains(where: { $0["sku"]?.stringValue == sku }) {
            throw .field("sku", "Product with this SKU already exists for this company.")
        }
        let id = newID()
        let stamp = now()
        var p = Templates.product
        try applyProductFields(&p, body)
        p["id"] = .int(id)
        p["created_on"] = .string(stamp)
        p["last_edit"] = .string(stamp)
        p["modified"] = .string(stamp)
        p["seller"] = company["id"] ?? 0
        p["manufacturer"] = company["id"] ?? 0
        if (p["display_name"]?.stringValue ?? "").isEmpty { p["display_name"] = p["name"] }
        put("products", String(id), p)
        refreshProduct(String(id), touch: false)
        queueProductWebhook(String(id), action: "create")
        return get("products", String(id))!
    }

    /// `PATCH /products/{id}/`; `quantity` sets on-hand inventory.
    func patchProduct(_ id: String, _ body: JSONObject) throws(SimError) -> JSONObject {
        var p = try require("products", id)
        if let sku = body["sku"]?.stringValue, sku != p["sku"]?.stringValue,
           all("products").contains(where: { $0["sku"]?.stringValue == sku }) {
            throw .field("sku", "Product with this SKU already exists for this company.")
        }
        try applyProductFields(&p, body)
        p["last_edit"] = .string(now())
        put("products", id, p)
        refreshProduct(id)
        queueProductWebhook(id, action: "edit")
        return get("products", id)!
    }

    /// `DELETE /products/{id}/` archives.
    func archiveProduct(_ id: String) throws(SimError) -> JSONObject {
        var p = try require("products", id)
        p["listing_state"] = "Archived"
        p["display_listing_state"] = "Archived"
        put("products", id, p)
        refreshProduct(id)
        queueProductWebhook(id, action: "edit")
        return get("products", id)!
    }

    func applyProductFields(_ p: inout JSONObject, _ body: JSONObject) throws(SimError) {
        let readOnly: Set<String> = ["id", "created_on", "modified", "last_edit", "reserved_qty", "available_inventory", "seller", "children_count"]
        for (k, v) in body where !readOnly.contains(k) && Templates.product[k] != nil {
            switch k {
            case "quantity", "minimum_order", "maximum_order":
                if v.isNull && k != "quantity" { p[k] = .null; continue }
                guard let d = Dec.from(v) else { throw .field(k, "A valid number is required.") }
                if k == "quantity", d < 0 { throw .field(k, "Ensure this value is greater than or equal to 0.") }
                p[k] = .string(Dec.fixed(d, 4))
            case "wholesale_price", "retail_price", "sale_price":
                guard let d = Dec.from(v) else { throw .field(k, "A valid number is required.") }
                p[k] = Dec.money(d)
            case "listing_state":
                let allowed = ["Available", "Archived", "Sample", "Backorder", "Internal", "Unavailable"]
                guard let s = v.stringValue, allowed.contains(s) else { throw .field(k, "\"\(v.text)\" is not a valid choice.") }
                p[k] = v
                p["display_listing_state"] = v
            case "unit_of_measure":
                let allowed = ["Milligram", "Gram", "Kilogram", "Ounce", "Pound", "Unit", "Liter", "Milliliter"]
                guard let s = v.stringValue, allowed.contains(s) else { throw .field(k, "\"\(v.text)\" is not a valid choice.") }
                p[k] = v
            default:
                p[k] = v
            }
        }
    }

    // MARK: - Customers

    /// A seller's CRM edit (no API write exists for customers in v2 as LeafSync uses it).
    func patchCustomer(_ id: String, _ body: JSONObject) throws(SimError) -> JSONObject {
        var c = try require("customers", id)
        for (k, v) in body where Templates.customer[k] != nil && !["id", "created_on", "modified", "owner"].contains(k) {
            c[k] = v
        }
        c["modified"] = .string(now())
        put("customers", id, c)
        return c
    }

    // MARK: - Payments

    /// `POST /order-payments/`: requires order, recorded_by, total, payment_date.
    func createPayment(_ body: JSONObject) throws(SimError) -> JSONObject {
        for f in ["order", "recorded_by", "total", "payment_date"] where body[f] == nil || body[f]!.isNull {
            throw .field(f, "This field is required.")
        }
        let number = body["order"]!.stringValue ?? ""
        guard get(Self.orders, number) != nil else { throw .field("order", "Invalid pk \"\(number)\" - object does not exist.") }
        guard let staffID = body["recorded_by"]?.intValue, let staff = get("company-staff", String(staffID)) else {
            throw .field("recorded_by", "Invalid pk - object does not exist.")
        }
        guard let amount = Dec.from(body["total"]), amount > 0 else { throw .field("total", "Ensure this value is greater than 0.") }
        let type = body["payment_type"]?.stringValue ?? "other"
        guard ["other", "cash", "check", "credit", "trade", "ach", "wire", "cashier"].contains(type) else {
            throw .field("payment_type", "\"\(type)\" is not a valid choice.")
        }
        let id = newID()
        let stamp = now()
        var pay = Templates.payment
        pay["id"] = .int(id)
        pay["created_on"] = .string(stamp)
        pay["modified"] = .string(stamp)
        pay["order"] = .string(number)
        pay["recorded_by"] = .int(staffID)
        pay["recorder_name"] = staff["display_name"] ?? ""
        pay["total"] = Dec.money(amount)
        pay["payment_date"] = body["payment_date"]!
        pay["reason"] = body["reason"] ?? ""
        pay["payment_type"] = .string(type)
        put("order-payments", String(id), pay)
        recompute(number)
        queueOrderWebhook(number, action: "edit")
        return pay
    }

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

    /// A list page: filters, `limit`/`offset`, and the envelope with absolute `next`/`previous`.
    func listPage(_ table: String, query: [(String, String)], baseURL: String) -> JSONValue {
        let q = Dictionary(query, uniquingKeysWith: { _, b in b })
        var records = all(table)
        func ts(_ s: String?) -> Int64? { s.flatMap(LeafLinkTimestamp.parse) }
        for (key, value) in q {
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
        return .object(JSONObject([
            ("count", .int(records.count)),
            ("next", offset + limit < records.count ? link(offset + limit) : .null),
            ("previous", offset > 0 ? link(max(0, offset - limit)) : .null),
            ("results", .array(Array(slice))),
        ]))
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~,"))) ?? s
    }

    // MARK: - Webhook bodies

    func queueOrderWebhook(_ number: String, action: String) {
        guard let o = get(Self.orders, number) else { return }
        outbox.append(WebhookMessage(body: ["type": "order", "action": .string(action), "data": .object(legacyOrder(o))]))
    }

    func queueProductWebhook(_ id: String, action: String) {
        guard let p = get("products", id) else { return }
        outbox.append(WebhookMessage(body: ["type": "product", "action": .string(action), "data": .object(p)]))
    }

    /// The older order shape LeafLink's order webhook uses (see the 2019 capture): plain-string
    /// amounts, `orderedproduct_set`, seller/buyer objects, the full customer record.
    func legacyOrder(_ o: JSONObject) -> JSONObject {
        let number = o["number"]?.stringValue ?? ""
        var d = JSONObject()
        for k in ["payment_due_date", "notes", "internal_notes", "user", "external_id_seller", "paid", "ship_date",
                  "discount_type", "number", "external_id_buyer", "created_on", "paid_date", "payment_term",
                  "shipping_details", "manual", "delivery_preferences", "status", "modified", "classification"] {
            d[k] = o[k] ?? nil
        }
        d["shipping_charge"] = .string(Dec.fixed(Dec.from(o["shipping_charge"]) ?? 0, 2))
        d["discount_amount"] = .string(Dec.fixed(Dec.from(o["discount"]) ?? 0, 4))
        d["total"] = .string(Dec.fixed(Dec.from(o["total"]) ?? 0, 2))
        d["tax_amount"] = .string(Dec.fixed(Dec.from(o["tax_amount"]) ?? 0, 6))
        d["sales_reps"] = .array((o["sales_reps"]?.arrayValue ?? []).map { rep in
            var r = rep.objectValue ?? JSONObject()
            r["email"] = rep["id"]?.intValue.flatMap { get("company-staff", String($0))?["email"] } ?? ""
            return .object(r)
        })
        d["orderedproduct_set"] = .array(linesOf(number).map { l in
            let product = l["product"]?.intValue.flatMap { get("products", String($0)) }
            return [
                "sale_price": .string(Dec.fixed(Dec.from(l["sale_price"]) ?? 0, 2)),
                "is_sample": l["is_sample"] ?? false, "quantity": l["quantity"] ?? "0.0000",
                "unit_multiplier": l["unit_multiplier"] ?? 1, "id": l["id"] ?? 0,
                "product": ["name": product?["name"] ?? "", "sku": product?["sku"] ?? ""],
                "ordered_unit_price": .string(Dec.fixed(Dec.from(l["ordered_unit_price"]) ?? 0, 2)),
            ]
        })
        d["seller"] = ["id": company["id"] ?? 0, "name": company["name"] ?? "", "licenses": []]
        let customer = o["customer"]?["id"]?.intValue.flatMap { get("customers", String($0)) }
        d["buyer"] = ["id": o["buyer"] ?? 0, "name": customer?["name"] ?? "", "licenses": []]
        d["customer"] = customer.map { .object($0) } ?? (o["customer"] ?? nil)
        return d
    }
}
