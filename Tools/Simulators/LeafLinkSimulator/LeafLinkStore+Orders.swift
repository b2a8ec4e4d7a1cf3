import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    static let orders = "orders-received"
    static let lines = "line-items"

    func linesOf(_ number: String) -> [JSONObject] {
        all(Self.lines).filter { $0["order"]?.stringValue == number }
    }

    /// quantity ÷ unit_multiplier × price, where price is `sale_price` when non-zero.
    static func lineTotal(_ line: JSONObject) -> Decimal {
        guard line["is_sample"]?.boolValue != true else { return 0 }
        let q = Dec.from(line["quantity"]) ?? 0
        let m = Decimal(max(line["unit_multiplier"]?.intValue ?? 1, 1))
        let sale = Dec.from(line["sale_price"]) ?? 0
        let price = sale != 0 ? sale : (Dec.from(line["ordered_unit_price"]) ?? 0)
        return q / m * price
    }

    /// Recomputes an order's derived fields (total, balance, paid, credits, transitions).
    func recompute(_ number: String, touch: Bool = true) {
        guard var o = get(Self.orders, number) else { return }
        let subtotal = linesOf(number).reduce(Decimal(0)) { $0 + Self.lineTotal($1) }
        let discount = Dec.from(o["discount"]) ?? 0
        let discountAmount = o["discount_type"]?.stringValue == "$" ? discount : subtotal * discount / 100
        let tax = Dec.from(o["tax_amount"]) ?? 0
        let taxAmount = o["tax_type"]?.stringValue == "$" ? tax : (subtotal - discountAmount) * tax / 100
        let shipping = Dec.from(o["shipping_charge"]) ?? 0
        let total = subtotal - discountAmount + taxAmount + shipping
        let paidSoFar = all("order-payments").filter { $0["order"]?.stringValue == number }
            .reduce(Decimal(0)) { $0 + (Dec.from($1["total"]) ?? 0) }
        let credited = all("credits").filter { $0["applied_to"]?.stringValue == number }
            .reduce(Decimal(0)) { $0 + (Dec.from($1["amount"]) ?? 0) }
        let balance = total - paidSoFar - credited
        o["total"] = Dec.money(total)
        o["final_tax"] = .string(Dec.fixed(taxAmount, 2))
        o["payment_balance"] = Dec.number(balance)
        o["credits"] = .string(Dec.fixed(credited, 2))
        let wasPaid = o["paid"]?.boolValue ?? false
        let paid = total > 0 && balance <= 0
        o["paid"] = .bool(paid)
        if paid && !wasPaid { o["paid_date"] = .string(String(now().prefix(10))) }
        if !paid { o["paid_date"] = .null }
        o["available_transitions"] = .array(OrderRules.available(for: o["status"]?.stringValue ?? "").map { .string($0) })
        if touch { o["modified"] = .string(now()) }
        put(Self.orders, number, o)
    }

    /// Moves reserved and on-hand quantities for a status change (see apis.md "Inventory effects").
    /// The products' `modified` stays where it was: LeafLink does not stamp a product when an
    /// order reserves or ships its stock (the product webhooks still fire), so a `modified__gte`
    /// listing does not see these changes; a full listing or the webhook's refetch does.
    func applyInventory(lines: [JSONObject], from old: String, to new: String) -> Set<String> {
        var touched: Set<String> = []
        for line in lines where line["is_sample"]?.boolValue != true {
            guard let pid = line["product"]?.intValue, var p = get("products", String(pid)) else { continue }
            let q = Dec.from(line["quantity"]) ?? 0
            let dReserved = (OrderRules.reserving.contains(new) ? q : 0) - (OrderRules.reserving.contains(old) ? q : 0)
            let dOut = (OrderRules.fulfilled.contains(new) ? q : 0) - (OrderRules.fulfilled.contains(old) ? q : 0)
            guard dReserved != 0 || dOut != 0 else { continue }
            p["reserved_qty"] = .string(Dec.fixed(max(0, (Dec.from(p["reserved_qty"]) ?? 0) + dReserved), 4))
            p["quantity"] = .string(Dec.fixed((Dec.from(p["quantity"]) ?? 0) - dOut, 4))
            put("products", String(pid), p)
            refreshProduct(String(pid), touch: false)
            touched.insert(String(pid))
        }
        return touched
    }

    /// Recomputes `available_inventory` and optionally stamps `modified`.
    func refreshProduct(_ id: String, touch: Bool = true) {
        guard var p = get("products", id) else { return }
        let available = (Dec.from(p["quantity"]) ?? 0) - (Dec.from(p["reserved_qty"]) ?? 0)
        p["available_inventory"] = Dec.number(available)
        if touch { p["modified"] = .string(now()) }
        put("products", id, p)
    }

    // MARK: - Transitions

    /// `POST /orders-received/{number}/transition/{action}/` (and the control routes, which may
    /// also `backorder`). A transition the graph does not allow from the order's status, such as
    /// a skipped step (fulfil a Submitted order), is a 400 naming the status and what it allows.
    func transition(
        _ number: String, action: String, by: String = "seller", webhookAction: String = "edit", actions: Set<String>? = nil
    ) throws(SimError) -> JSONObject {
        let o = try require(Self.orders, number)
        let status = o["status"]?.stringValue ?? ""
        let known = actions ?? Set(OrderRules.transitions.keys)
        guard known.contains(action), let rule = OrderRules.transitions[action] else {
            throw .detail(400, "Unknown transition '\(action)'. Expected one of: \(known.sorted().joined(separator: ", ")).")
        }
        guard rule.from.contains(status) else {
            let next = OrderRules.actions(from: status).filter(known.contains)
            throw .detail(
                400,
                "Cannot \(action) an order with status \(status): \(action) needs \(rule.from.sorted().joined(separator: " or ")). "
                    + (next.isEmpty
                        ? "No transition is available from \(status)." : "From \(status) the order can: \(next.joined(separator: ", ")).")
            )
        }
        setStatus(number, to: rule.to, by: by, webhookAction: webhookAction)
        return get(Self.orders, number)!
    }

    func setStatus(_ number: String, to new: String, by: String, webhookAction: String = "edit") {
        guard var o = get(Self.orders, number) else { return }
        let old = o["status"]?.stringValue ?? ""
        let products = applyInventory(lines: linesOf(number), from: old, to: new)
        o["status"] = .string(new)
        put(Self.orders, number, o)
        recompute(number)
        logEvent(
            number, type: OrderRules.eventType[new] ?? "edited", by: by,
            changed: ["status": ["original": .string(old), "new": .string(new)]])
        queueOrderWebhook(number, action: webhookAction)
        for id in products.sorted() { queueProductWebhook(id, action: "edit") }
    }

    func logEvent(_ number: String, type: String, by: String, changed: JSONObject) {
        let stamp = now()
        let id = newID()
        var e = Templates.eventLog
        e["id"] = .int(id)
        e["order"] = .string(number)
        e["author_name"] = .string(by == "buyer" ? "Buyer" : "Seller")
        e["by"] = .string(by)
        e["event_type"] = .string(type)
        e["created_on"] = .string(stamp)
        e["modified"] = .string(stamp)
        e["timestamp"] = .string(stamp)
        e["changed_fields"] = .object(changed)
        put("order-event-logs", String(id), e)
    }
}
