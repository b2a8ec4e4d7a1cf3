import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import Testing

@Suite("Simulator: SO statuses and inventory")
struct InventoryRuleTests {
    @Test("reserved and available move as the SO status changes")
    func reservationsFollowStatus() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            // The demo's PROCESSING order reserves 120 of the 800 on hand.
            var row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.active.text == "800.000000")
            #expect(row.reserved.text == "120.000000")
            #expect(row.available.text == "680.000000")

            var w = DistruOrderWrite()
            w.companyID = DistruDemo.customer
            w.locationID = DistruDemo.warehouse
            w.items = [.init(productID: DistruDemo.chocolate, quantity: 30)]
            let order = try await c.createOrder(forLeafLinkOrder: "inv-test", w).value
            #expect(order.status == .pending)
            row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.reserved.text == "120.000000")  // PENDING holds nothing

            var s = DistruOrderWrite(id: order.id.text)
            s.status = .processing
            _ = try await c.upsertOrder(s)
            row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.reserved.text == "150.000000")
            #expect(row.available.text == "650.000000")
            #expect(row.active.text == "800.000000")

            // READY_TO_SHIP needs every line fulfilled.
            s.status = .readyToShip
            do {
                _ = try await c.upsertOrder(s)
                Issue.record("expected a 422")
            } catch let e as DistruError {
                #expect(e.status == 422)
                #expect(e.details.first?.pointer == ["items", "0"])
            }
            _ = try await control(sim, .POST, "/_sim/orders/\(order.id.text)/fulfill")
            _ = try await c.upsertOrder(s)
            row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.reserved.text == "150.000000")

            // DELIVERING takes the stock out: active drops, the reservation ends.
            s.status = .delivering
            _ = try await c.upsertOrder(s)
            row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.active.text == "770.000000")
            #expect(row.reserved.text == "120.000000")
            #expect(row.available.text == "650.000000")

            // CANCELED holds nothing and puts the stock back.
            s.status = .canceled
            _ = try await c.upsertOrder(s)
            row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.active.text == "800.000000")
            #expect(row.available.text == "680.000000")
        }
    }

    @Test("DELIVERING needs a linked Metrc transfer for package-tracked lines")
    func packageLinesNeedTransfer() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let preRoll = try #require(try await c.products().first { $0.value.inventoryTrackingMethod == "PACKAGE" }).value.id.text
            var w = DistruOrderWrite()
            w.companyID = DistruDemo.customer
            w.locationID = DistruDemo.warehouse
            w.items = [.init(productID: preRoll, quantity: 5)]
            let id = try await c.createOrder(forLeafLinkOrder: "pkg", w).value.id.text
            let fulfilled = try await control(sim, .POST, "/_sim/orders/\(id)/fulfill")
            #expect(fulfilled["items"]?.arrayValue?.first?["package"]?["label"]?.stringValue != nil)
            var s = DistruOrderWrite(id: id)
            s.status = .delivering
            do {
                _ = try await c.upsertOrder(s)
                Issue.record("expected a 422")
            } catch let e as DistruError {
                #expect(e.details.first?.pointer == ["metrc_transfer_id"])
            }
            s.extra["metrc_transfer_id"] = .int(9188300)
            #expect(try await c.upsertOrder(s).value.status == .delivering)
        }
    }

    @Test("inventory adjustments per location show in the rows and quantity_available")
    func adjustInventory() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            _ = try await control(
                sim, .POST, "/_sim/inventory",
                ["product_id": .string(DistruDemo.chocolate), "location_id": .string(DistruDemo.warehouse), "delta": "-100"])
            let row = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(row.active.text == "700.000000")
            #expect(row.available.text == "580.000000")
            #expect(try await c.product(id: DistruDemo.chocolate).value.quantityAvailable?.text == "580.000000")
        }
    }
}
