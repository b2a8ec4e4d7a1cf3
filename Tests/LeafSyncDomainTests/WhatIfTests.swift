import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

/// `leafsync what-if settings set`: the commands a settings change would add, change or drop.
@Suite("What-if: a settings change before it is made")
struct WhatIfTests {
    /// The what-if of `change` made after the first `point` events of `h`'s log, the rest applied to both.
    static func whatIf(_ h: Harness, after point: Int, at time: Timestamp, state: SyncState, _ change: SettingsChange) -> [CommandDifference] {
        var w = SettingsWhatIf(state: state, change: change, at: time)
        for event in h.log[point...] { w.apply(DomainEvent(recorded: event)) }
        return w.finish()
    }

    @Test("R-SET-02 sync_prices on: nothing at once (not retroactive), the price pushes of later edits when made earlier")
    func syncPrices() {
        var h = Harness.world()
        h.tick()
        let (point, state, time) = (h.log.count, h.state, h.clock)
        #expect(Self.whatIf(h, after: point, at: time, state: state, SettingsChange(syncPrices: true)).isEmpty)
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.500000")))
        let differences = Self.whatIf(h, after: point, at: time, state: state, SettingsChange(syncPrices: true))
        let push = differences.first { $0.action == "updateLeafLinkProduct" && $0.target == "leaflink-product:2093" }
        #expect(push?.kind == .added && push?.rule == "R-PRC-01" && push?.before == nil)
        #expect(push?.after?["wholesalePrice"] != nil, "\(String(describing: push?.after))")
        #expect(!h.state.settings.syncPrices && h.log.count == point + 1, "the harness state and log are left as they were")
    }

    @Test("R-INV-01 restricting inventory_location_ids changes the quantity of the next inventory push")
    func inventoryLocations() throws {
        var h = Harness.world()
        h.tick()
        h.inventory(product: ID.chocolate, location: ID.mainWarehouse, available: "500.000000")
        let differences = Self.whatIf(
            h, after: h.log.count, at: h.clock, state: h.state, SettingsChange(inventoryLocationIDs: [ID.mainWarehouse]))
        let push = try #require(differences.first { $0.action == "pushLeafLinkInventory" && $0.target == "leaflink-product:2093" })
        #expect(push.kind == .changed)
        #expect(push.before?["quantity"]?.decimal == dec("550"), "both locations as it is")
        #expect(push.after?["quantity"]?.decimal == dec("500"), "the main warehouse only")
        // Nothing else changes, and the same settings again change nothing.
        #expect(differences.count == 1)
        #expect(Self.whatIf(h, after: h.log.count, at: h.clock, state: h.state, SettingsChange(inventoryLocationIDs: [])).isEmpty)
    }

    @Test("settings KEY=VALUE: the CLI's keys and values; an unknown key or a bad value names what is accepted")
    func assignments() throws {
        let change = try SettingsChange(assignments: [
            "sync_prices=true", "inventory_location_ids=A, B", "price_lock_status=accepted", "status_mapping.Backorder=pending",
            "order_poll_seconds=60", "default_sales_order_location_id=",
        ])
        #expect(change.syncPrices == true && change.inventoryLocationIDs == ["A", "B"] && change.priceLockStatus == "Accepted")
        #expect(change.statusMapping == ["Backorder": "PENDING"] && change.orderPollSeconds == 60 && change.defaultSalesOrderLocationID == "")
        #expect(throws: SettingsAssignmentError.self) { try SettingsChange(assignments: ["sync_price=true"]) }
        do {
            _ = try SettingsChange(assignments: ["sync_price=true"])
        } catch {
            #expect(error.description.contains("unknown setting \"sync_price\"") && error.description.contains("sync_prices"))
            #expect(error.description.contains("status_mapping.<LeafLink status>"))
        }
        for (bad, says) in [
            ("sync_prices=maybe", "true or false"), ("order_poll_seconds=0", "above 0"), ("price_lock_status=Lost", "Submitted"),
            ("status_mapping.Backorder=LOST", "READY_TO_SHIP"), ("error_recipients=ops", "e-mail"), ("sync_prices", "KEY=VALUE"),
        ] {
            do {
                _ = try SettingsChange(assignments: [bad])
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(error.description.contains(says), "\(bad): \(error.description)")
            }
        }
    }
}
