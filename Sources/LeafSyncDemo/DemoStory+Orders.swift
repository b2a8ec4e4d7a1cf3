import Foundation
public import LeafSyncJSON
import NIOHTTP1

/// Chapters 7–10: orders becoming SOs, blocked and unblocked, combined and split, edited.
extension DemoStory {
    func richOrder() async throws {
        session.act("buyer at Front Range Cannabis Co. orders 10 + 10 GMO Cookies 3.5g (two lines) and a case of dark bars; rep Maria")
        let number = try await placeOrder(
            customer: DemoSeed.Customer.frontRange, reps: [DemoSeed.Rep.maria],
            lines: [(DemoSeed.Listing.gmoCookies, 10), (DemoSeed.Listing.gmoCookies, 10), (DemoSeed.Listing.darkBar, 12)])
        outcome.update { $0.richOrder = number }
        let so = try await salesOrder(
            of: number, "its Distru SO: customer Front Range, associated by its licence 402R-01101; the duplicate lines kept apart") { so in
                so["company"]?["id"]?.stringValue == DemoSeed.Customer.frontRangeCompany && (so["items"]?.array?.count ?? 0) == 3
            }
        session.act("seller in LeafLink: 5 % discount, $25 shipping, 15 % tax, a -$15.00 goodwill line and a $30 credit on the order")
        try await session.writeLeafLink(
            .PATCH, "orders-received/\(number)/",
            [
                "discount": 5, "discount_type": "%", "shipping_charge": ["amount": "25.00", "currency": "USD"], "tax_amount": 15,
                "tax_type": "%",
            ])
        try await session.writeLeafLink(
            .POST, "line-items/",
            [
                "order": .string(number), "product": .int(DemoSeed.Listing.blueDreamPreRoll), "quantity": "1",
                "ordered_unit_price": "-15.00", "sale_price": "0.00",
            ])
        try await session.inLeafLink(
            .POST, "seller/credits", ["customer": .int(DemoSeed.Customer.frontRange), "amount": "30.00", "applied_to": .string(number)])
        let wanted: Set<String> = ["CHARGE 25 shipping", "CHARGE tax CO Excise", "DISCOUNT 5%", "DISCOUNT 30", "DISCOUNT 15"]
        let charges = try await session.expect("the SO: tax CO Excise (15 % matched), $25 shipping, 5 % discount, the $30 credit and the -$15 line as discounts") {
            () -> [String]? in
            let described = (try await session.distru("orders/\(so)")["charges"]?.array ?? []).map(Self.describe)
            guard wanted.isSubset(of: Set(described)) else { throw DemoError("the SO's charges are \(described)") }
            return described
        }
        session.act("SO charges: " + charges.joined(separator: "; "))
    }

    /// A Distru SO charge in a few words: `CHARGE 25 shipping`, `DISCOUNT 5%`, `CHARGE tax CO Excise`.
    public static func describe(_ charge: JSONValue) -> String {
        let type = charge["type"]?.stringValue ?? "?"
        if let tax = charge["tax"]?["name"]?.stringValue { return "\(type) tax \(tax)" }
        if charge["unit_type"]?.stringValue == "PERCENT" { return "\(type) \(charge["percent"]?.decimal.map { "\($0)" } ?? "?")%" }
        let price = charge["price"]?.decimal.map { "\($0)" } ?? "?"
        let name = (charge["name"]?.stringValue ?? "").lowercased()
        return name.contains("shipping") ? "\(type) \(price) shipping" : "\(type) \(price)"
    }

    func unblock() async throws {
        let followed = [DemoSeed.Order.goodVibrations, DemoSeed.Order.mountainMedicinals]
        for number in followed {
            _ = try await salesOrder(of: number, "order \(number.suffix(8)) (its rep now mapped, its products linked) has its SO") { _ in true }
        }
        try await session.expect("order \(DemoSeed.Order.frontRangeBig.suffix(8)) waits: it needs 150 GMO pre-rolls, more than Distru has") { () -> Bool? in
            let detail = try await session.operate(.GET, "orders/\(DemoSeed.Order.frontRangeBig)")
            let blockers = detail["blockers"]?.array?.compactMap(\.stringValue) ?? []
            return detail["phase"]?.stringValue == "blocked" && blockers.contains { $0.contains("available") } ? true : nil
        }
        session.act("Distru user receives 400 GMO pre-rolls")
        try await session.inDistru(
            .POST, "inventory", ["product_id": .string(DemoSeed.Product.gmoPreRoll), "location_id": .string(DemoSeed.warehouse), "delta": 400])
        _ = try await salesOrder(of: DemoSeed.Order.frontRangeBig, "the stock arrived: order \(DemoSeed.Order.frontRangeBig.suffix(8)) has its SO, with no one replaying anything") { _ in true }
        try await session.expect("order \(DemoSeed.Order.devsOrder.suffix(8)) still waits: its rep 502 (Dev Patel) is not mapped") { () -> Bool? in
            let detail = try await session.operate(.GET, "orders/\(DemoSeed.Order.devsOrder)")
            let blockers = detail["blockers"]?.array?.compactMap(\.stringValue) ?? []
            return blockers.contains { $0.contains("502") } ? true : nil
        }
    }

    func combineAndSplit() async throws {
        session.act("buyer at Front Range places two small orders")
        let first = try await placeOrder(customer: DemoSeed.Customer.frontRange, reps: [DemoSeed.Rep.maria], lines: [(DemoSeed.Listing.blueDream, 5)])
        let second = try await placeOrder(customer: DemoSeed.Customer.frontRange, reps: [DemoSeed.Rep.maria], lines: [(DemoSeed.Listing.gmoCookies, 5)])
        let firstSO = try await salesOrder(of: first, "both become SOs (1/2)") { _ in true }
        let secondSO = try await salesOrder(of: second, "both become SOs (2/2)") { _ in true }
        session.act("seller in LeafLink combines them into one order")
        let combined = try await session.inLeafLink(.POST, "seller/combine", ["orders": [.string(first), .string(second)]])["order"]?.stringValue
        guard let combined else { throw DemoError("LeafLink's combine answered no order number") }
        outcome.update {
            $0.combinedFrom = [first, second]
            $0.combined = combined
        }
        try await session.expect("the two SOs are cancelled in Distru") { () -> Bool? in
            let a = try await session.distru("orders/\(firstSO)")["status"]?.stringValue
            let b = try await session.distru("orders/\(secondSO)")["status"]?.stringValue
            return a == "CANCELED" && b == "CANCELED" ? true : nil
        }
        _ = try await salesOrder(of: combined, "the combined order syncs as a new SO with both lines") { so in (so["items"]?.array?.count ?? 0) == 2 }

        session.act("buyer at Mountain Medicinals orders a medical tincture and adult-use flower in one cart; rep Sam")
        let parts = try await placeOrders(
            customer: DemoSeed.Customer.mountainMedicinals, reps: [DemoSeed.Rep.sam], lines: [(DemoSeed.Listing.tincture, 6), (DemoSeed.Listing.blueDream, 6)])
        guard parts.count == 2 else { throw DemoError("LeafLink should split the cart into two orders, made \(parts.count)") }
        outcome.update { $0.split = parts }
        for (index, part) in parts.enumerated() {
            _ = try await salesOrder(of: part, "LeafLink split it in two; each part is its own SO (\(index + 1)/2)") { _ in true }
        }
    }

    func edits() async throws {
        let number = DemoSeed.Order.goodVibrations
        let so = try await salesOrder(of: number, "order \(number.suffix(8)) has its SO") { _ in true }
        let lines = try await session.leafLink("orders-received/\(number)/line-items/").array ?? []
        guard let bars = lines.first(where: { $0["product"]?.intValue == DemoSeed.Listing.darkBar })?["id"]?.intValue else {
            throw DemoError("order \(number) has no dark-bar line")
        }
        session.act("buyer in LeafLink: dark bars 24 → 36")
        try await session.inLeafLink(.PATCH, "buyer/orders/\(number)/lines/\(bars)", ["quantity": 36])
        let item = try await session.expect("applied: the SO's dark-bar line is 36") { () -> String? in
            let items = try await session.distru("orders/\(so)")["items"]?.array ?? []
            let line = items.first { $0["product"]?["id"]?.stringValue == DemoSeed.Product.darkBar }
            return line?["quantity"]?.decimal == 36 ? line?["id"]?.stringValue : nil
        }
        session.act("Distru user fulfils the dark-bar line; then the buyer in LeafLink asks for 48")
        try await session.inDistru(.POST, "orders/\(so)/fulfill", ["item_id": .string(item)])
        try await session.inLeafLink(.PATCH, "buyer/orders/\(number)/lines/\(bars)", ["quantity": 48])
        try await session.expect("refused: a sync error says the fulfilled line must be changed in Distru (R-UPD-01); the SO keeps 36") { () -> Bool? in
            let errors = try await session.operate(.GET, "orders/\(number)")["errors"]?.array ?? []
            guard errors.contains(where: { $0["rule"]?.stringValue == "R-UPD-01" }) else { return nil }
            let items = try await session.distru("orders/\(so)")["items"]?.array ?? []
            let line = items.first { $0["product"]?["id"]?.stringValue == DemoSeed.Product.darkBar }
            return line?["quantity"]?.decimal == 36 ? true : nil
        }
    }

    // MARK: Helpers

    /// A buyer's order (submitted), returning its number.
    func placeOrder(customer: Int, reps: [Int], lines: [(Int, Int)]) async throws -> String {
        let numbers = try await placeOrders(customer: customer, reps: reps, lines: lines)
        guard numbers.count == 1, let number = numbers.first else { throw DemoError("expected one LeafLink order, LeafLink made \(numbers.count)") }
        return number
    }

    /// A buyer's cart, submitted; LeafLink splits medical and adult-use lines into separate orders.
    func placeOrders(customer: Int, reps: [Int], lines: [(Int, Int)]) async throws -> [String] {
        let body: JSONValue = [
            "customer": .int(customer), "sales_reps": .array(reps.map { .int($0) }), "submit": true,
            "lines": .array(lines.map { ["product": .int($0.0), "quantity": .int($0.1)] }),
        ]
        return try await session.inLeafLink(.POST, "buyer/orders", body)["orders"]?.array?.compactMap(\.stringValue) ?? []
    }

    /// Waits until the LeafLink order has a Distru SO satisfying `check`; records and returns its id.
    @discardableResult
    func salesOrder(of number: String, _ what: String, _ check: @escaping @Sendable (JSONValue) -> Bool) async throws -> String {
        let id = try await session.expect(what) { () -> String? in
            let detail = try await session.operate(.GET, "orders/\(number)")
            guard let id = detail["salesOrderID"]?.stringValue, try await session.distruStatus("orders/\(id)") == 200 else { return nil }
            return check(try await session.distru("orders/\(id)")) ? id : nil
        }
        outcome.update { $0.salesOrders[number] = id }
        return id
    }
}
