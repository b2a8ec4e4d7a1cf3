import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// Distru's write rules as the simulator enforces them (apis.md, "Writes"): where the id of an
/// upsert goes decides between create and update, and deactivation is written `is_inactive`.
@Suite("Distru write rules")
struct WriteRuleTests {
    let auth = [("Authorization", "Bearer \(DistruSimulator.defaultAPIKey)")]

    func post(_ sim: RunningDistruSimulator, _ path: String, _ body: JSONValue) async throws -> (status: Int, json: JSONValue) {
        let (status, bytes) = try await rawRequest(
            sim.baseURL + path, method: .POST, headers: auth + [("Content-Type", "application/json")], body: body.serialized())
        return (status, try JSONParser.parse(bytes))
    }

    @Test("POST /orders with an unknown body id is an update of a missing order: 404 in Distru's error shape, nothing created")
    func unknownBodyIDIsAnError() async throws {
        try await withDistru { sim in
            let before = try await client(for: sim).orders().count
            let id = DeterministicID.salesOrder(forLeafLinkOrder: "body-id")
            let (status, json) = try await post(
                sim, "orders", ["order": ["id": .string(id), "company_id": .string(DistruDemo.customer)]])
            #expect(status == 404)
            let error = try #require(json["errors"]?.arrayValue?.first)
            #expect(error["pointer"] == ["id"])
            #expect(error["message"]?.stringValue?.contains("?id=") == true)
            #expect(try await client(for: sim).orders().count == before)
        }
    }

    @Test("POST /orders?id=X creates the order under X, and a second call updates X")
    func queryIDCreatesThenUpdates() async throws {
        try await withDistru { sim in
            let id = DeterministicID.salesOrder(forLeafLinkOrder: "query-id")
            let created = try await post(
                sim, "orders?id=\(id)", ["order": ["company_id": .string(DistruDemo.customer), "internal_notes": "first"]])
            #expect(created.status == 201)
            #expect(created.json["data"]?["id"]?.stringValue == id)
            let updated = try await post(sim, "orders?id=\(id)", ["order": ["internal_notes": "second"]])
            #expect(updated.status == 200)
            #expect(updated.json["data"]?["order_number"] == created.json["data"]?["order_number"])
            #expect(updated.json["data"]?["internal_notes"]?.stringValue == "second")
            // A body id that contradicts the query is refused.
            let clash = try await post(sim, "orders?id=\(id)", ["order": ["id": "00000000-0000-4000-8000-000000000000"]])
            #expect(clash.status == 422 && clash.json["errors"]?.arrayValue?.first?["pointer"] == ["id"])
        }
    }

    @Test("the client creates under ?id= and updates with a body id; a body-id write to a missing order is a 404")
    func clientCreateAndUpdate() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let number = "5e0f7c8a-8b5a-4a39-b1f7-0d1f2d3c4b5a"
            let id = DeterministicID.salesOrder(forLeafLinkOrder: number)
            await #expect(throws: DistruError.self) { try await c.order(id: id) }
            var write = DistruOrderWrite(id: "ignored-for-a-create")
            write.companyID = DistruDemo.customer
            write.items = [.init(productID: DistruDemo.chocolate, quantity: 2)]
            let created = try await c.createOrder(forLeafLinkOrder: number, write).value
            #expect(created.id.text == id)
            #expect(try await c.order(id: id).value.id.text == id)

            var update = DistruOrderWrite(id: id)
            update.status = .processing
            #expect(try await c.upsertOrder(update).value.status == .processing)

            var missing = DistruOrderWrite(id: DeterministicID.salesOrder(forLeafLinkOrder: "never-created"))
            missing.internalNotes = "x"
            do {
                _ = try await c.upsertOrder(missing)
                Issue.record("expected a 404")
            } catch let e as DistruError {
                #expect(e.status == 404 && e.details.first?.pointer == ["id"])
            }
        }
    }

    @Test("a product written is_inactive reads back is_active false; is_active in a write is ignored")
    func deactivation() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            var off = DistruProductWrite(id: DistruDemo.chocolate)
            off.isInactive = true
            #expect(try await c.upsertProduct(off).value.isActive == false)
            #expect(try await c.product(id: DistruDemo.chocolate).value.isActive == false)

            let ignored = try await post(sim, "products", ["product": ["id": .string(DistruDemo.chocolate), "is_active": true]])
            #expect(ignored.status == 200 && ignored.json["data"]?["is_active"] == false)

            var on = DistruProductWrite(id: DistruDemo.chocolate)
            on.isInactive = false
            #expect(try await c.upsertProduct(on).value.isActive == true)
        }
    }

    @Test("setProductSalePrice changes unit_price only")
    func salePrice() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let before = try await c.product(id: DistruDemo.chocolate).value
            let after = try await c.setProductSalePrice(id: DistruDemo.chocolate, price: Decimal(string: "11.5")!).value
            #expect(after.unitPrice?.text == "11.500000")
            #expect(after.name == before.name && after.wholesaleUnitPrice == before.wholesaleUnitPrice)
        }
    }
}
