import Foundation
import HTTPClientSupport
import HTTPTypes
import Hummingbird
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncTestSupport
import Logging
import NIOHTTP1
import SimulatorSupport
import Synchronization
import Testing

/// The simulator's shapes and rules.
@Suite struct SimulatorTests {
    /// Keys of `example` missing from `actual`, or present with another JSON type (null matches anything).
    func shapeProblems(_ example: JSONValue, _ actual: JSONValue, _ path: String = "") -> [String] {
        switch (example, actual) {
        case (.null, _), (_, .null): return []
        case (.object(let e), .object(let a)):
            // `external_ids` is a map whose keys are the integrator's own.
            if path.hasSuffix("external_ids") { return [] }
            return e.flatMap { k, v in a[k] == nil ? ["\(path).\(k) missing"] : shapeProblems(v, a[k]!, "\(path).\(k)") }
        case (.array(let e), .array(let a)):
            guard let first = e.first, let other = a.first else { return [] }
            return shapeProblems(first, other, path + "[0]")
        case (.number, .number), (.string, .string), (.bool, .bool): return []
        default: return ["\(path): \(example.text.prefix(30)) vs \(actual.text.prefix(30))"]
        }
    }

    @Test("objects carry every field of LeafLink's examples with the same types")
    func objectsCarryEveryFieldOfLeafLinksExamplesWithTheSameTypes() async throws {
        try await withSimulator { sim in
            let c = client(for: sim)
            let exampleOrder = try JSONParser.parse(try Paths.leafLinkSample("v2-spec-examples/order.200.json"))
            let exampleProduct = try JSONParser.parse(try Paths.leafLinkSample("v2-spec-examples/product.200.json"))
            let exampleLine = try JSONParser.parse(
                Array(try Data(contentsOf: Paths.repoRoot.appendingPathComponent("data/samples/leaflink/line-item.json"))))
            for order in try await c.listAll("orders-received/") {
                let problems = shapeProblems(exampleOrder, try order.json())
                #expect(problems.isEmpty, "\(problems)")
            }
            for product in try await c.listAll("products/") {
                let problems = shapeProblems(exampleProduct, try product.json())
                #expect(problems.isEmpty, "\(problems)")
            }
            for line in try await c.listAll("line-items/") {
                let problems = shapeProblems(exampleLine, try line.json())
                #expect(problems.isEmpty, "\(problems)")
            }
            let created = try await c.createProduct(
                demoProduct(name: "New Gummies", sku: "NEW-1", wholesalePrice: Decimal(string: "12.50")!))
            let problems = shapeProblems(exampleProduct, try created.raw.json())
            #expect(problems.isEmpty, "\(problems)")
            let list = try JSONParser.parse(try await c.send(.GET, "orders-received/").body)
            #expect(list.objectValue?.keys == ["count", "next", "previous", "results"])
        }
    }

    @Test("transitions follow the graph and move inventory") func transitionsFollowTheGraphAndMoveInventory() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let created = try await control(
                sim, .POST, "/_sim/buyer/orders",
                [
                    "customer": 148515, "lines": [["product": 2093, "quantity": 24]], "sales_reps": [13], "submit": false,
                ])
            let number = try #require(created["orders"]?.arrayValue?.first?.stringValue)
            var order = try await c.order(number: number).value
            #expect(order.status == .draft && order.availableTransitions == ["submitted"])
            #expect(order.total?.amount.value == 216)  // 24 ÷ 12 × 108
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 0)

            order = try await c.transition(order: number, .submit).value
            #expect(order.status == .submitted)
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 24)

            do {
                _ = try await c.transition(order: number, .ship)
                Issue.record("ship from Submitted must fail")
            } catch let e as LeafLinkError { #expect(e.status == 400) }

            order = try await c.transition(order: number, .accept).value
            #expect(order.availableTransitions == ["fulfilled", "rejected"])
            order = try await c.transition(order: number, .fulfill).value
            var p = try await c.product(id: 2093).value
            #expect(p.reservedQty?.value == 0 && p.quantity?.value == 100_000 - 24 && p.availableInventory?.value == 100_000 - 24)

            order = try await c.transition(order: number, .reject).value
            p = try await c.product(id: 2093).value
            #expect(order.status == .rejected && p.quantity?.value == 100_000)
            #expect(order.availableTransitions == [])
        }
    }

    @Test("reject releases reservation") func rejectReleasesReservation() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let created = try await control(
                sim, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": 36]]])
            let number = try #require(created["orders"]?.arrayValue?.first?.stringValue)
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 36)
            _ = try await control(sim, .POST, "/_sim/buyer/orders/\(number)/lines", ["product": 2093, "quantity": 12])
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 48)
            _ = try await c.transition(order: number, .reject)
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 0)
        }
    }

    @Test("PATCH sets ship date and external IDs; the client refuses fields OrderUpdate lacks")
    func patchShipDateExternalIDsButNotStatus() async throws {
        try await withSimulator { sim in
            let c = client(for: sim)
            let numbers = await sim.store.orderNumbers()
            let number = try #require(numbers.first)
            let before = try await c.order(number: number).value
            let after = try await c.setShipDate(order: number, "2026-12-01T09:00:00-07:00").value
            #expect(after.shipDate == "2026-12-01T09:00:00-07:00")
            #expect(after.modified! > before.modified!)
            let ids = try await c.setExternalIDs(order: number, ["distru": "abc"]).value
            #expect(ids.externalIds == ["distru": "abc"])
            #expect(try await c.order(number: number).value.externalIds == ["distru": "abc"])
            let calls = await sim.simulator.faults.apiCalls
            for field in ["status", "external_id_seller"] {
                do {
                    _ = try await c.patchOrder(number: number, JSONObject([(field, "x")]))
                    Issue.record("\(field) must be refused before sending")
                } catch let e as LeafLinkError {
                    guard case .invalidRequest = e.kind else { Issue.record("got \(e)"); continue }
                    #expect(e.description.contains(field))
                }
            }
            #expect(await sim.simulator.faults.apiCalls == calls)
        }
    }

    @Test("product create, PATCH quantity and archive") func productCreatePatchQuantityAndArchive() async throws {
        try await withSimulator { sim in
            let c = client(for: sim)
            var create = demoProduct(name: "Peach Rings", sku: "SUM-PR-1", wholesalePrice: Decimal(string: "84.25")!)
            create.quantity = 40
            let p = try await c.createProduct(create).value
            #expect(p.wholesalePrice?.amount.value == Decimal(string: "84.25") && p.quantity?.value == 40)
            do {
                _ = try await c.createProduct(create)
                Issue.record("duplicate SKU must fail")
            } catch let e as LeafLinkError { #expect(e.status == 400) }
            let q = try await c.setProductQuantity(id: p.id, 55).value
            #expect(q.quantity?.value == 55 && q.availableInventory?.value == 55)
            let archived = try await c.archiveProduct(id: p.id).value
            #expect(archived.listingState == .archived)
        }
    }

    @Test("order payments update balance") func orderPaymentsUpdateBalance() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let created = try await control(
                sim, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": 12]]])
            let number = try #require(created["orders"]?.arrayValue?.first?.stringValue)
            let payment = try await c.createOrderPayment(
                OrderPaymentCreate(
                    order: number, recordedBy: 13, total: Decimal(string: "100.50")!, paymentDate: "2026-11-27T10:00:00-07:00"))
            #expect(payment.value.total.amount.value == Decimal(string: "100.5"))
            var order = try await c.order(number: number).value
            #expect(order.paymentBalance?.value == Decimal(string: "7.5") && order.paid == false)
            _ = try await c.createOrderPayment(
                OrderPaymentCreate(order: number, recordedBy: 13, total: Decimal(string: "7.50")!, paymentDate: "2026-11-27T11:00:00-07:00")
            )
            order = try await c.order(number: number).value
            #expect(order.paid == true && order.paymentBalance?.value == 0)
            #expect(try await c.orderPayments(order: number).count == 2)
            do {
                _ = try await c.send(.POST, "order-payments/", body: ["order": .string(number)])
                Issue.record("missing fields must fail")
            } catch let e as LeafLinkError { #expect(e.status == 400 && e.description.contains("recorded_by")) }
        }
    }

    @Test("med/rec split and combine") func medRecSplitAndCombine() async throws {
        try await withSimulator { sim in
            let c = client(for: sim)
            let split = try await control(
                sim, .POST, "/_sim/buyer/orders",
                [
                    "customer": 148517, "lines": [["product": 2096, "quantity": 5], ["product": 2100, "quantity": 3]], "sales_reps": [503],
                ])
            let numbers = (split["orders"]?.arrayValue ?? []).compactMap { $0.stringValue }
            #expect(numbers.count == 2)
            let pair = try await numbers.asyncMap { try await c.order(number: $0).value }
            #expect(pair.map(\.classification) == ["Adult Use", "Medical"])
            #expect(pair.allSatisfy { $0.status == .submitted && $0.lineItems?.count == 1 })

            let combined = try await control(sim, .POST, "/_sim/seller/combine", ["orders": .array(numbers.map { .string($0) })])
            let number = try #require(combined["order"]?.stringValue)
            let order = try await c.order(number: number).value
            #expect(order.isCombination == true && order.lineItems?.count == 2)
            for n in numbers { #expect(try await c.order(number: n).value.status == .combined) }
        }
    }

    @Test("credits, staff and reference data") func creditsStaffAndReferenceData() async throws {
        try await withSimulator { sim in
            let c = client(for: sim)
            let credits = try await c.credits()
            #expect(credits.count == 2 && credits.contains { $0.value.status == .used && $0.value.appliedTo != nil })
            #expect(try await c.companyStaff().count == 4)
            for r in [LeafLinkResource.brands, .productLines, .productCategories, .productSubcategories, .strains, .licenses] {
                #expect(try await c.reference(r).isEmpty == false, "\(r)")
            }
            #expect(try await c.customer(id: 148515).value.name == "Good Vibrations Dispensary")
            let numbers = await sim.store.orderNumbers()
            let lines = try await c.lineItems(order: try #require(numbers.first))
            #expect(lines.count == 2)
        }
    }

    @Test("control endpoints seed and settings") func controlEndpointsSeedAndSettings() async throws {
        try await withSimulator(seed: SimSeed()) { sim in
            _ = try await control(sim, .POST, "/_sim/seed", ["products": [["id": 1, "name": "A", "sku": "A"]]])
            let state = try await control(sim, .GET, "/_sim/state")
            #expect(state["products"]?.intValue == 1)
            let settings = try await control(sim, .PUT, "/_sim/settings", ["error_rate": .number("0.5"), "rate_limit_per_minute": 300])
            #expect(settings["error_rate"] == .number("0.5"))
            #expect(await sim.simulator.faults.settings.rateLimitPerMinute == 300)
        }
    }
}

extension Array {
    func asyncMap<T>(_ f: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await f(e)) }
        return out
    }
}

/// Objects the examples do not show are checked against LeafLink's v2 JSON Schema.
@Suite struct SimulatorSchemaTests {
    /// Where the examples (which win) and the schema disagree.
    static let examplesWin: Set<String> = ["LineItemResponse.product", "LineItemResponse.wholesale_price"]

    @Test(
        "records have every schema property",
        arguments: [
            ("customers/", "CustomerResponse"), ("company-staff/", "CompanyStaffResponse"),
            ("order-payments/", "OrderPaymentResponse"), ("credits/", "Credit"), ("line-items/", "LineItemResponse"),
            ("brands/", "BrandResponse"), ("product-lines/", "ProductLineResponse"),
            ("product-categories/", "ProductCategoryResponse"), ("product-subcategories/", "ProductSubcategoryResponse"),
            ("strains/", "StrainResponse"), ("order-event-logs/", "OrderEventLog"), ("order-sales-reps/", "OrderSalesRepSerialzer"),
        ])
    func recordsHaveEverySchemaProperty(path: String, schema: String) async throws {
        let definitions = try JSONParser.parse(try Paths.leafLinkSample("v2-jsonschema/marketplace-v2-components.schema.json"))[
            "definitions"]
        let properties = try #require(definitions?[schema]?["properties"]?.objectValue)
        try await withSimulator { sim in
            let records = try await client(for: sim).listAll(path)
            #expect(!records.isEmpty, "no \(path) in the demo data")
            for record in records {
                let json = try record.json()
                for (name, spec) in properties {
                    guard let value = json[name] else {
                        Issue.record("\(path) lacks \(name)")
                        continue
                    }
                    guard !value.isNull, !Self.examplesWin.contains("\(schema).\(name)"), let type = spec["type"]?.stringValue else {
                        continue
                    }
                    let ok =
                        switch (type, value) {
                        case ("string", .string), ("integer", .number), ("number", .number), ("boolean", .bool),
                            ("object", .object), ("array", .array):
                            true
                        default: false
                        }
                    #expect(ok, "\(path) \(name): schema says \(type), got \(value.text.prefix(40))")
                }
            }
        }
    }
}

@Suite struct SimulatorWebhookTests {
    @Test("webhooks are signed and retried until accepted") func webhooksAreSignedAndRetriedUntilAccepted() async throws {
        let counter = RequestCounter(failFirst: 2)
        let receiver = try await WebhookReceiver.start(path: "/hook", signatureHeader: LeafLinkWebhooks.signatureHeader) {
            body, signature in
            counter.next(valid: LeafLinkWebhooks.isValid(body: body, signature: signature, key: "k")) ? 200 : 500
        }
        try await withSimulator(
            seed: tinySeed(),
            webhook: .init(url: receiver.url, key: "k", retryDelays: [.milliseconds(5), .milliseconds(5), .milliseconds(5)])
        ) { sim in
            _ = try await client(for: sim).setProductQuantity(id: 2093, 10)
            await sim.simulator.webhooks.idle()
            let deliveries = await sim.simulator.webhooks.deliveries
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.attempts == 3 && deliveries.first?.delivered == true && deliveries.first?.lastStatus == 200)
            #expect(counter.validSignatures == 3)
        }
        await receiver.stop()
    }

    @Test("buyer cancel releases reservation") func buyerCancelReleasesReservation() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            let created = try await control(
                sim, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": 12]]])
            let number = try #require(created["orders"]?.arrayValue?.first?.stringValue)
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 12)
            let lineID = try #require(try await c.lineItems(order: number).first?.value.id)
            _ = try await control(sim, .PATCH, "/_sim/buyer/orders/\(number)/lines/\(lineID)", ["quantity": 24])
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 24)
            #expect(try await c.order(number: number).value.total?.amount.value == 216)
            _ = try await control(sim, .POST, "/_sim/buyer/orders/\(number)/cancel")
            #expect(try await c.order(number: number).value.status == .cancelled)
            #expect(try await c.product(id: 2093).value.reservedQty?.value == 0)
            let events = try await c.listAll("order-event-logs/", query: [("order", number)])
            let types = try events.map { try $0.json()["event_type"]?.stringValue ?? "" }
            #expect(types == ["created", "submitted", "edited", "cancelled"])
        }
    }
}

/// Counts webhook requests, failing the first few.
final class RequestCounter: Sendable {
    private let state = Mutex((seen: 0, valid: 0))
    let failFirst: Int
    init(failFirst: Int) { self.failFirst = failFirst }
    func next(valid: Bool) -> Bool {
        state.withLock { s in
            s.seen += 1
            if valid { s.valid += 1 }
            return s.seen > failFirst
        }
    }
    var validSignatures: Int { state.withLock { $0.valid } }
}
