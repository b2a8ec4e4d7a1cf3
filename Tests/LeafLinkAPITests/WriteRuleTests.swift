import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// A product create for the demo seed's company (3721) and reference data.
func demoProduct(name: String, sku: String, wholesalePrice: Decimal) -> ProductCreate {
    ProductCreate(
        name: name, sku: sku, wholesalePrice: wholesalePrice, seller: 3721, brand: 50, category: 7, subCategory: 15, license: 2619)
}

/// The write path as LeafLink's v2 OpenAPI document defines it, enforced by the simulator
/// (issue #12, "The write path must match the real APIs").
@Suite("LeafLink write rules")
struct WriteRuleTests {
    func raw(
        _ sim: RunningSimulator, _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil
    ) async throws -> (status: Int, json: JSONValue) {
        let (status, bytes) = try await rawRequest(
            sim.baseURL + path, method: method,
            headers: [("Authorization", "App \(LeafLinkSimulator.defaultAPIKey)"), ("Content-Type", "application/json")],
            body: body?.serialized())
        return (status, try JSONParser.parse(bytes))
    }

    func submittedOrder(_ sim: RunningSimulator, quantity: Int = 24) async throws -> String {
        let created = try await control(
            sim, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": .int(quantity)]]])
        return try #require(created["orders"]?.arrayValue?.first?.stringValue)
    }

    @Test("PATCH of an order drops fields v2 OrderUpdate does not accept, with 200; external_ids are stored and returned")
    func patchDropsUnknownFields() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let number = try await submittedOrder(sim)
            let (status, json) = try await raw(
                sim, .PATCH, "orders-received/\(number)/",
                ["external_id_seller": "SO-000123", "status": "Complete", "external_ids": ["distru": "SO-000123"]])
            #expect(status == 200)
            #expect(json["external_id_seller"] == .null)
            #expect(json["status"]?.stringValue == "Submitted")
            #expect(json["external_ids"] == ["distru": "SO-000123"])
            let order = try await client(for: sim).order(number: number).value
            #expect(order.externalIds == ["distru": "SO-000123"] && order.externalIdSeller == nil)
            let bad = try await raw(sim, .PATCH, "orders-received/\(number)/", ["external_ids": "SO-1"])
            #expect(bad.status == 400 && bad.json["external_ids"] != nil)
        }
    }

    @Test("POST /products/ without the required ProductCreate fields is a 400 naming every missing one")
    func productCreateNamesMissingFields() async throws {
        try await withSimulator { sim in
            let (status, json) = try await raw(
                sim, .POST, "products/", ["name": "Bare", "sku": "BARE-1", "wholesale_price": ["amount": "5.00", "currency": "USD"]])
            #expect(status == 400)
            let missing = Set(ProductCreate.requiredFields).subtracting(["name", "sku", "wholesale_price"])
            #expect(Set(json.objectValue?.keys ?? []) == missing)
            #expect(json["brand"] == ["This field is required."])
            #expect(try await client(for: sim).product(sku: "BARE-1") == nil)
        }
    }

    @Test("ProductCreate carries all 19 required fields with the documented defaults, and creates on the strict simulator")
    func productCreateSendsEveryRequiredField() async throws {
        var create = demoProduct(name: "Sour Gummies", sku: "SUM-SG-1", wholesalePrice: Decimal(string: "42")!)
        create.unitMultiplier = 10
        create.quantity = 30
        let json = try #require(create.json.objectValue)
        #expect(ProductCreate.requiredFields.count == 19)
        #expect(ProductCreate.requiredFields.allSatisfy { json[$0] != nil })
        #expect(json["description"] == "Sour Gummies" && json["manufacturer"] == 3721)
        #expect(json["retail_price"] == ["amount": "0.00", "currency": "USD"] && json["minimum_order"] == "0.01")
        #expect(json["maximum_order"] == "100000" && json["sell_in_unit_of_measure"] == "Case")
        try await withSimulator { sim in
            let c = client(for: sim)
            let p = try await c.createProduct(create).value
            #expect(p.sku == "SUM-SG-1" && p.unitMultiplier == 10 && p.quantity?.value == 30)
            #expect(p.license?.number == "404R-00042" && p.category == 7 && p.subCategory == 15 && p.inventoryManagement == 1)
            var wrongSeller = demoProduct(name: "X", sku: "X-1", wholesalePrice: 1)
            wrongSeller.seller = 1
            await #expect(throws: LeafLinkError.self) { try await c.createProduct(wrongSeller) }
        }
    }

    @Test("product(sku:) uses the documented sku filter and returns only an exact match")
    func productBySKU() async throws {
        try await withSimulator { sim in
            let c = client(for: sim)
            let all = try await c.listAll("products/")
            let sku = try #require(try all.last?.text("sku"))
            let found = try #require(try await c.product(sku: sku))
            #expect(found.value.sku == sku && found.raw.bytes == all.last?.bytes)
            #expect(try await c.product(sku: "NO-SUCH-SKU") == nil)
            #expect(try await c.product(sku: String(sku.dropLast())) == nil)
            await #expect(throws: LeafLinkError.self) { try await c.product(sku: "A,B") }
            // The simulator filters by sku as LeafLink documents it.
            let page = try await raw(sim, .GET, "products/?sku=\(sku)")
            #expect(page.json["count"] == 1)
        }
    }

    @Test("an order's payments come from /orders-received/{number}/payments/ as a bare array; /order-payments/ ignores an order filter")
    func orderPaymentsPath() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let first = try await submittedOrder(sim)
            let second = try await submittedOrder(sim, quantity: 12)
            for (number, amount) in [(first, "10"), (second, "20")] {
                _ = try await c.createOrderPayment(
                    OrderPaymentCreate(
                        order: number, recordedBy: 13, total: Decimal(string: amount)!, paymentDate: "2026-11-27T10:00:00-07:00"))
            }
            let bare = try await raw(sim, .GET, "orders-received/\(first)/payments/")
            #expect(bare.status == 200 && bare.json.arrayValue?.count == 1)
            #expect(try await c.orderPayments(order: first).map(\.value.order) == [first])
            let filtered = try await raw(sim, .GET, "order-payments/?order=\(first)")
            #expect(filtered.json["count"] == 2)
        }
    }

    @Test("a negative payment is accepted and lowers what was paid; the LeafSync key comes back in reason")
    func negativePaymentAndKey() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let number = try await submittedOrder(sim, quantity: 12)  // 12 ÷ 12 × 108 = 108
            var pay = OrderPaymentCreate(
                order: number, recordedBy: 13, total: 108, paymentDate: "2026-11-27T10:00:00-07:00", leafSyncKey: "pay-inv-1")
            pay.reason = "Distru payment ACH"
            let paid = try await c.createOrderPayment(pay).value
            #expect(paid.reason == "Distru payment ACH [leafsync:pay-inv-1]" && paid.leafSyncKey == "pay-inv-1")
            #expect(try await c.order(number: number).value.paid == true)
            let reversal = OrderPaymentCreate(
                order: number, recordedBy: 13, total: -108, paymentDate: "2026-11-28T10:00:00-07:00", leafSyncKey: "pay-inv-1-reversal")
            #expect(reversal.json["total"] == ["amount": "-108.00", "currency": "USD"])
            let undone = try await c.createOrderPayment(reversal).value
            #expect(undone.total.amount.value == -108)
            let order = try await c.order(number: number).value
            #expect(order.paid == false && order.paymentBalance?.value == 108)
            let keys = try await c.orderPayments(order: number).map(\.value.leafSyncKey)
            #expect(keys == ["pay-inv-1", "pay-inv-1-reversal"])
        }
    }

    @Test("an order reserving stock changes reserved_qty but not the product's modified (LeafLink doesn't)")
    func reservationKeepsModified() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let before = try await c.product(id: 2093).value
            let number = try await submittedOrder(sim)
            var after = try await c.product(id: 2093).value
            #expect(after.reservedQty?.value == 24 && after.modified == before.modified)
            _ = try await c.transition(order: number, .accept)
            _ = try await c.transition(order: number, .fulfill)
            after = try await c.product(id: 2093).value
            #expect(after.quantity?.value == 100_000 - 24 && after.modified == before.modified)
            // A seller edit of the product does move it.
            #expect(try await c.setProductQuantity(id: 2093, 5).value.modified! > before.modified!)
        }
    }

    @Test("a skipped transition is refused with a 400 that says which transitions the status allows")
    func skippedTransitionRefused() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let number = try await submittedOrder(sim)
            for action in ["fulfill", "ship", "complete"] {
                let (status, json) = try await raw(sim, .POST, "orders-received/\(number)/transition/\(action)/")
                #expect(status == 400)
                let detail = json["detail"]?.stringValue ?? ""
                #expect(detail.contains("status Submitted") && detail.contains("From Submitted the order can: accept"), "\(detail)")
            }
            // `backorder` is not one of the API's actions.
            let backorder = try await raw(sim, .POST, "orders-received/\(number)/transition/backorder/")
            #expect(backorder.status == 400 && backorder.json["detail"]?.stringValue?.contains("Unknown transition") == true)
            #expect(try await c.order(number: number).value.status == .submitted)
            for action: OrderTransition in [.accept, .fulfill, .ship, .complete] {
                _ = try await c.transition(order: number, action)
            }
            #expect(try await c.order(number: number).value.status == .complete)
        }
    }
}
