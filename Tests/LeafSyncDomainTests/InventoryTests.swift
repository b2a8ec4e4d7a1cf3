import Foundation
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Inventory (R-INV)")
struct InventoryTests {
    @Test("R-INV-01 available = Distru available over the configured locations, or all locations")
    func locations() {
        var h = Harness.world()
        let all = h.tick().inventoryPushes.first { $0.0 == 2093 }
        #expect(all?.1 == 730, "680 + 50")
        h.op(.changeSettings(SettingsChange(inventoryLocationIDs: [ID.mainWarehouse])))
        let main = h.tick().inventoryPushes.first { $0.0 == 2093 }
        #expect(main?.1 == 680)
        // A row Distru no longer returns is deleted: nothing is available there any more.
        h.op(.changeSettings(SettingsChange(inventoryLocationIDs: [])))
        h.feed(EventFactory.distruDeleted(kind: "inventory", id: "\(ID.chocolate):\(ID.mainWarehouse)"))
        #expect(h.tick().inventoryPushes.first { $0.0 == 2093 }?.1 == 50)
    }

    @Test("R-INV-02 Managed products are pushed each cycle only when the number differs from what LL shows")
    func managed() {
        var h = Harness.world()
        let first = h.tick()
        #expect(first.inventoryPushes.contains { $0 == (2093, 730) })
        #expect(!first.inventoryPushes.contains { $0.0 == 2094 }, "LL already shows 40")
        #expect(h.tick().inventoryPushes.isEmpty)
        h.inventory(product: ID.chocolate, location: ID.mainWarehouse, available: "650.000000")
        #expect(h.tick(after: 60).inventoryPushes.isEmpty, "not yet a push cycle")
        #expect(h.tick().inventoryPushes.map(\.1) == [700])
    }

    @Test("R-INV-03 Unlimited products ignore Distru inventory")
    func unlimited() {
        var h = Harness.world()
        h.op(.linkProduct(distruProductID: ID.ointment, leafLinkProductID: 2096))
        h.inventory(product: ID.ointment, location: ID.mainWarehouse, available: "77.000000")
        #expect(!h.tick().inventoryPushes.contains { $0.0 == 2096 })
    }

    @Test("R-INV-04 Inherited products get the quantity once, when first linked, never again")
    func inherited() {
        var h = Harness.world()
        let linked = h.op(.linkProduct(distruProductID: ID.bulkFlower, leafLinkProductID: 2097))
        #expect(linked.inventoryPushes.map(\.1) == [1000])
        h.inventory(product: ID.bulkFlower, location: ID.mainWarehouse, available: "400.000000")
        #expect(!h.tick().inventoryPushes.contains { $0.0 == 2097 })
        h.op(.unlinkProduct(distruProductID: ID.bulkFlower))
        #expect(h.op(.linkProduct(distruProductID: ID.bulkFlower, leafLinkProductID: 2097)).inventoryPushes.isEmpty, "first link only")
    }

    @Test("R-INV-05 LL reservations are overwritten by the next push of Distru's number")
    func reservationsOverwritten() {
        var h = Harness.world()
        h.tick()
        // An order fulfilled in LL takes 36 off LL's quantity; Distru did not move.
        h.observe(
            .leafLinkProduct, "2093",
            json: Fixture.json("leaflink/product-2093.json").setting("quantity", .s("694.0000")).setting("reserved_qty", .s("0.0000")))
        #expect(h.tick().inventoryPushes.map(\.1) == [730])
    }

    @Test("R-INV-06 negative availability is pushed as 0")
    func negative() {
        var h = Harness.world()
        h.inventory(product: ID.blueDream, location: ID.mainWarehouse, available: "-4.000000")
        #expect(h.tick().inventoryPushes.contains { $0 == (2094, 0) })
        #expect(h.state.explain("ll-product:2094").contains { $0.hasPrefix("R-INV-06") })
    }
}
