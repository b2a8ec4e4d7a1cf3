import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

/// Buyer and seller actions on orders: create, edit lines, split, combine, patch.
extension LeafLinkStore {
    // MARK: - Creating orders (buyer side)

    /// A new order for `customer` with `lines` (product id, quantity in units), as a Draft.
    func createOrder(
        customer customerID: Int, lines: [(product: Int, quantity: Decimal, isSample: Bool)],
        classification: String = "Adult Use", reps: [Int] = [], notes: String = ""
    ) throws(SimError) -> String {
        guard let customer = get("customers", String(customerID)) else {
            throw .field("customer", "Invalid pk \"\(customerID)\" - object does not exist.")
        }
        let number = UUID().uuidString.lowercased()
        let stamp = now()
        var o = Templates.order
        o["number"] = .string(number)
        o = normalizeOrderIDs(o)
        o["created_on"] = .string(stamp)
        o["modified"] = .string(stamp)
        o["user"] = .string(customer["email"]?.stringValue.flatMap { $0.split(separator: "@").first.map(String.init) } ?? "buyer")
        o["buyer"] = .int(customer["partner"]?.intValue ?? customerID + 500_000)
        o["seller"] = company["id"] ?? 0
        o["customer"] = [
            "id": .int(customerID), "display_name": customer["name"] ?? "",
            "ext_acct_id": customer["ext_acct_id"] ?? nil, "delinquent": customer["delinquent"] ?? false,
        ]
        o["classification"] = .string(classification)
        o["notes"] = .string(notes)
        o["delivery_address"] = customer["delivery_address"] ?? o["delivery_address"]
        o["corporate_address"] = customer["corporate_address"] ?? o["corporate_address"]
        o["sales_reps"] = .array(
            reps.compactMap { rep in
                get("company-staff", String(rep)).map { ["id": .int(rep), "user": $0["display_name"] ?? ""] }
            })
        put(Self.orders, number, o)
        for rep in reps {
            let id = newID()
            put(
                "order-sales-reps", String(id),
                JSONObject([("id", .int(id)), ("order", .string(number)), ("rep", .int(rep)), ("created_on", .string(stamp))]))
        }
        for (i, l) in lines.enumerated() {
            try addLine(number, product: l.product, quantity: l.quantity, isSample: l.isSample, position: i, touch: false)
        }
        recompute(number)
        logEvent(number, type: "created", by: "buyer", changed: [:])
        return number
    }

    /// Adds a line; on a reserving order the quantity is reserved at once.
    func addLine(
        _ number: String, product pid: Int, quantity: Decimal, isSample: Bool = false, position: Int? = nil, touch: Bool = true,
        prices: (ordered: Decimal, sale: Decimal)? = nil
    ) throws(SimError) {
        let o = try require(Self.orders, number)
        guard let p = get("products", String(pid)) else { throw .field("product", "Invalid pk \"\(pid)\" - object does not exist.") }
        let id = newID()
        var line = Templates.lineItem
        line["id"] = .int(id)
        line["order"] = .string(number)
        line["order_id"] = .string(number)
        line["product"] = .int(pid)
        line["quantity"] = .string(Dec.fixed(quantity, 4))
        line["unit_multiplier"] = p["unit_multiplier"] ?? 1
        let price = prices?.ordered ?? Dec.from(p["wholesale_price"]) ?? 0
        let sale = prices?.sale ?? Dec.from(p["sale_price"]) ?? 0
        line["ordered_unit_price"] = Dec.moneyText(price)
        line["sale_price"] = Dec.moneyText(sale)
        line["wholesale_price"] = Dec.moneyText(price)
        line["is_sample"] = .bool(isSample)
        line["is_medical_line_item"] = p["is_medical_line_item"] ?? false
        line["unit_of_measure"] = p["unit_of_measure"] ?? "Unit"
        line["position"] = .int(position ?? linesOf(number).count)
        line["frozen_data"] = [
            "product": ["name": p["name"] ?? "", "sku": p["sku"] ?? "", "unit_of_measure": p["unit_of_measure"] ?? "Unit"]
        ]
        put(Self.lines, String(id), line)
        let status = o["status"]?.stringValue ?? ""
        if touch {
            let touched = applyInventory(lines: [line], from: "Draft", to: status)
            recompute(number)
            logEvent(number, type: "edited", by: "buyer", changed: ["line_items": ["original": nil, "new": .int(id)]])
            queueOrderWebhook(number, action: "edit")
            for t in touched { queueProductWebhook(t, action: "edit") }
        }
    }

    /// Changes a line's quantity (0 removes it), adjusting reservations.
    func editLine(_ number: String, line lineID: Int, quantity: Decimal) throws(SimError) {
        let o = try require(Self.orders, number)
        guard var line = get(Self.lines, String(lineID)), line["order"]?.stringValue == number else { throw .notFound() }
        let status = o["status"]?.stringValue ?? ""
        _ = applyInventory(lines: [line], from: status, to: "Draft")
        let old = line["quantity"] ?? nil
        if quantity == 0 {
            tables[Self.lines]?[String(lineID)] = nil
            order[Self.lines]?.removeAll { $0 == String(lineID) }
        } else {
            line["quantity"] = .string(Dec.fixed(quantity, 4))
            put(Self.lines, String(lineID), line)
            _ = applyInventory(lines: [line], from: "Draft", to: status)
        }
        recompute(number)
        logEvent(number, type: "edited", by: "buyer", changed: ["quantity": ["original": old, "new": .string(Dec.fixed(quantity, 4))]])
        queueOrderWebhook(number, action: "edit")
        if let pid = line["product"]?.intValue { queueProductWebhook(String(pid), action: "edit") }
    }

    /// A buyer order whose lines mix medical and adult-use products becomes two orders,
    /// one per classification (LeafLink's med/rec split). Returns the numbers created.
    func createSplitOrder(
        customer: Int, lines: [(product: Int, quantity: Decimal, isSample: Bool)], reps: [Int], notes: String, submit: Bool
    ) throws(SimError) -> [String] {
        let medical = lines.filter { get("products", String($0.product))?["is_medical_line_item"]?.boolValue == true }
        let adult = lines.filter { get("products", String($0.product))?["is_medical_line_item"]?.boolValue != true }
        var numbers: [String] = []
        for (group, classification) in [(adult, "Adult Use"), (medical, "Medical")] where !group.isEmpty {
            let n = try createOrder(customer: customer, lines: group, classification: classification, reps: reps, notes: notes)
            // The seller first hears of a buyer's order when it is submitted (or created as a draft).
            if submit {
                _ = try transition(n, action: "submit", by: "buyer", webhookAction: "create")
            } else {
                queueOrderWebhook(n, action: "create")
            }
            numbers.append(n)
        }
        return numbers
    }

    /// Combines orders of one customer into a new order (`is_combination: true`); the sources
    /// become `Combined`. Reservations move with the lines.
    func combine(_ numbers: [String]) throws(SimError) -> String {
        guard numbers.count >= 2 else { throw .detail(400, "Combine needs at least two orders.") }
        let sources = try numbers.map { n throws(SimError) in try require(Self.orders, n) }
        let customers = Set(sources.compactMap { $0["customer"]?["id"]?.intValue })
        guard customers.count == 1, let customer = customers.first else { throw .detail(400, "Orders to combine must share one customer.") }
        for s in sources where !["Submitted", "Accepted"].contains(s["status"]?.stringValue ?? "") {
            throw .detail(
                400,
                "Only Submitted or Accepted orders can be combined (\(s["number"]?.stringValue ?? "") is \(s["status"]?.stringValue ?? ""))."
            )
        }
        var lines: [(product: Int, quantity: Decimal, isSample: Bool)] = []
        for n in numbers {
            for l in linesOf(n) {
                lines.append((l["product"]?.intValue ?? 0, Dec.from(l["quantity"]) ?? 0, l["is_sample"]?.boolValue ?? false))
            }
        }
        let reps = Array(Set(sources.flatMap { $0["sales_reps"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? [] })).sorted()
        let combined = try createOrder(
            customer: customer, lines: lines, classification: sources[0]["classification"]?.stringValue ?? "Adult Use", reps: reps,
            notes: "Combined from \(numbers.map { String($0.suffix(8)) }.joined(separator: ", "))")
        for n in numbers { setStatus(n, to: "Combined", by: "seller") }
        var o = get(Self.orders, combined)!
        o["is_combination"] = true
        put(Self.orders, combined, o)
        setStatus(combined, to: "Accepted", by: "seller")
        return combined
    }

    /// `PATCH /orders-received/{number}/`: the writable fields of v2 `OrderUpdate` are applied;
    /// every other field (`status`, `external_id_seller`, addresses, read-only ones) is dropped
    /// silently and the answer is still 200, as Django REST does.
    func patchOrder(_ number: String, _ fields: JSONObject) throws(SimError) -> JSONObject {
        var o = try require(Self.orders, number)
        let patchable = Order.updateFields
        if let ids = fields["external_ids"], !ids.isNull {
            guard case .object(let map) = ids else { throw .field("external_ids", "Expected a dictionary of items.") }
            for (k, v) in map {
                guard k.count <= 36 else { throw .field("external_ids", "Keys can be up to 36 characters long: \(k)") }
                guard v.stringValue != nil else { throw .field("external_ids", "Values must be strings: \(k)") }
            }
        }
        var changed = JSONObject()
        for (k, v) in fields {
            guard patchable.contains(k) else { continue }
            if k == "notes" || k == "internal_notes", (v.stringValue?.count ?? 0) > 2000 {
                throw .field(k, "Ensure this field has no more than 2000 characters.")
            }
            if k == "ship_date", !v.isNull, v.stringValue.flatMap(LeafLinkTimestamp.parse) == nil {
                throw .field(
                    "ship_date",
                    "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].")
            }
            if k == "shipping_charge", !v.isNull {
                // A money object, as LeafLink writes and reads it.
                guard case .object(let money) = v, Dec.from(money["amount"]) != nil, money["currency"]?.stringValue != nil else {
                    throw .field(k, "Invalid data. Expected a dictionary with amount and currency, but got \(v.text).")
                }
            }
            if ["discount", "tax_amount"].contains(k), !v.isNull, Dec.from(v) == nil { throw .field(k, "A valid number is required.") }
            changed[k] = ["original": o[k] ?? nil, "new": v]
            o[k] = v
        }
        put(Self.orders, number, o)
        recompute(number)
        logEvent(number, type: fields["ship_date"] != nil ? "shipping_edited" : "edited", by: "seller", changed: changed)
        queueOrderWebhook(number, action: "edit")
        return get(Self.orders, number)!
    }

    /// `count` buyer orders spread over the seeded customers and products (load tests, demo).
    public func generateOrders(count: Int, status: String = "Submitted") throws -> [String] {
        let customers = all("customers").compactMap { $0["id"]?.intValue }
        let products = all("products").compactMap { $0["id"]?.intValue }
        guard !customers.isEmpty, !products.isEmpty else { throw SimError.detail(400, "Seed customers and products first.") }
        var numbers: [String] = []
        for i in 0..<count {
            let n = try createOrder(
                customer: customers[i % customers.count], lines: [(products[i % products.count], Decimal(1 + i % 12), false)])
            if status != "Draft" {
                var o = get(Self.orders, n)!
                o["status"] = .string(status)
                put(Self.orders, n, o)
                _ = applyInventory(lines: linesOf(n), from: "Draft", to: status)
                recompute(n)
            }
            numbers.append(n)
        }
        return numbers
    }

    /// Stamps `modified` on an order without other change (a seller edit LeafLink would log).
    public func touchOrder(_ number: String, notes: String? = nil) {
        if let notes, var o = get(Self.orders, number) {
            o["internal_notes"] = .string(notes)
            put(Self.orders, number, o)
        }
        recompute(number)
        queueOrderWebhook(number, action: "edit")
    }

    /// Order numbers in creation order.
    public func orderNumbers() -> [String] { order[Self.orders] ?? [] }
}
