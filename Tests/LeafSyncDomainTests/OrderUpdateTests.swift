import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Order updates and their limits (R-UPD)")
struct OrderUpdateTests {
    static func edited(_ minute: Int, _ change: @escaping (JSONValue) -> JSONValue) -> JSONValue {
        Harness.order { change($0).setting("modified", .s("2026-11-20T09:\(String(format: "%02d", minute)):00-07:00")) }
    }

    @Test("R-UPD-01 changes to a fulfilled line are refused with a sync error; unfulfilled lines are applied")
    func fulfilledLinesRefused() {
        var h = Harness.synced()
        // Distru has a batch on the first chocolate line.
        h.observeSalesOrder(
            Harness.salesOrder { so in
                var items = so["items"]!.array!
                items[0] = items[0].setting("batch", .object(["id": .s("batch-771"), "batch_number": .s("SWI-2611")]))
                return so.setting("items", .array(items)).setting("status", .s("PROCESSING"))
            })
        let commands = h.observeOrder(
            Self.edited(1) { $0.settingLine(0, "quantity", .s("48.0000")).settingLine(1, "quantity", .s("12.0000")) })
        let items = commands.updates.first?.items
        #expect(items?.first { $0.leafLinkLineID == 4846101 }?.quantity == 24, "fulfilled line kept as in Distru")
        #expect(items?.first { $0.leafLinkLineID == 4846102 }?.quantity == 12, "unfulfilled line updated")
        let error = h.state.openErrors.first { $0.rule == "R-UPD-01" }
        #expect(error?.message.contains("4846101") == true)
        #expect(error?.fix == "Change or delete these lines in Distru, not in LeafLink.")
        // Deleting the fulfilled line in LL is refused too.
        let removed = h.observeOrder(Self.edited(2) { $0.mappingLines { Array($0.dropFirst()) }.settingLine(0, "quantity", .s("12.0000")) })
        #expect(removed.updates.allSatisfy { $0.items?.contains { $0.leafLinkLineID == 4846101 } ?? true })
    }

    @Test("R-UPD-02 new LL items after the SO is past Processing are not applied")
    func newItemsPastProcessing() {
        var processing = Harness.synced()
        processing.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("PROCESSING")) })
        let extra = Fixture.json("leaflink/order-submitted.json")["line_items"]!.array![1].setting("id", .n("4846199"))
        let added = processing.observeOrder(Self.edited(1) { $0.mappingLines { $0 + [extra] } })
        #expect(added.updates.first?.items?.contains { $0.leafLinkLineID == 4846199 } == true, "still Processing: applied")

        var ready = Harness.synced()
        ready.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("READY_TO_SHIP")) })
        let refused = ready.observeOrder(Self.edited(1) { $0.mappingLines { $0 + [extra] } })
        #expect(refused.updates.allSatisfy { $0.items?.contains { $0.leafLinkLineID == 4846199 } != true })
        #expect(
            ready.state.openErrors.contains {
                $0.rule == "R-UPD-02" && $0.message.contains("4846199") && $0.message.contains("past Processing")
            })
    }

    @Test("R-UPD-03 LL rejection cancels the SO before Ready to Ship, and is refused from Ready to Ship on")
    func rejection() {
        var early = Harness.synced()
        let cancel = early.observeOrder(Self.edited(1) { $0.setting("status", .s("Rejected")) })
        #expect(cancel.statuses == [.canceled])

        var late = Harness.synced()
        late.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("READY_TO_SHIP")) })
        let refused = late.observeOrder(Self.edited(1) { $0.setting("status", .s("Cancelled")) })
        #expect(refused.statuses.isEmpty)
        let error = late.state.openErrors.first { $0.rule == "R-UPD-03" }
        #expect(error?.fix == "Cancel the sales order in Distru instead of rejecting it in LeafLink.")
        // The user cancels in Distru: the error resolves; LL is already cancelled, nothing is sent back.
        let canceled = late.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("CANCELED")) })
        #expect(canceled.transitions.isEmpty)
        #expect(late.state.errors["ll-order:\(ID.order)|R-UPD-03"]?.resolvedAt != nil)
    }

    @Test("R-UPD-04 a deleted SO unsyncs; with rejection LL is rejected; without, an LL edit syncs a brand-new SO")
    func deletion() {
        var withReject = Harness.synced()
        let commands = withReject.op(.deleteSalesOrder(salesOrderID: ID.salesOrder, rejectInLeafLink: true))
        #expect(commands.contains { $0.action == .deleteSalesOrder(salesOrderID: ID.salesOrder) })
        #expect(commands.transitions == [.reject])
        #expect(withReject.sync.phase == .unsynced)

        var keep = Harness.synced()
        let deleted = keep.feed(EventFactory.distruDeleted(kind: "order", id: ID.salesOrder))
        #expect(deleted.transitions.isEmpty, "the LL order stays Submitted")
        #expect(keep.sync.phase == .unsynced)
        // The same record re-fetched does nothing; an edit creates a new SO with a new key.
        #expect(keep.observeOrder(Harness.order { $0.setting("available_transitions", .array([.s("accepted")])) }).creates.isEmpty)
        let resync = keep.observeOrder(Self.edited(5) { $0.setting("notes", .s("resend please")) })
        #expect(resync.creates.count == 1)
        #expect(resync.keys.contains("distru-so-create:\(ID.order)#2"))
    }

    @Test("R-UPD-05 an inventory source changed in Distru after sync is kept")
    func inventorySourceKept() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder { $0.setting("location", .object(["id": .s(ID.storeB), "name": .s("Store B")])) })
        #expect(h.sync.sent?.locationID == ID.storeB)
        let update = h.observeOrder(Self.edited(1) { $0.setting("notes", .s("new note")) })
        #expect(update.updates.count == 1)
        #expect(h.state.explain("ll-order:\(ID.order)").contains { $0.hasPrefix("R-UPD-05") })
        #expect(h.sync.sent?.locationID == ID.storeB, "an LL edit does not reset the location")
    }

    @Test("R-UPD-06 combined LL orders: their SOs are cancelled and the combined order syncs as a new SO")
    func combined() {
        var h = Harness.synced()
        let cancel = h.observeOrder(Self.edited(1) { $0.setting("status", .s("Combined")) })
        #expect(cancel.statuses == [.canceled])
        #expect(cancel.first?.rule == "R-UPD-06")
        let combined = Harness.order {
            $0.setting("number", .s("9d3f4a5b-6c7d-4e8f-8a9b-0c1d2e3f4a5b")).setting("short_id", .s("2e3f4a5b")).setting(
                "is_combination", .bool(true))
        }
        let created = h.observeOrder(combined)
        #expect(created.creates.count == 1)
        #expect(created.creates.first?.leafLinkOrderNumber == "9d3f4a5b-6c7d-4e8f-8a9b-0c1d2e3f4a5b")
    }

    @Test("R-UPD-07 the SO delivery date is pushed as the LL ship date; no delivery date, no ship date")
    func shipDate() {
        var h = Harness.synced()
        let none = h.observeSalesOrder(Harness.salesOrder())
        #expect(!none.contains { if case .setLeafLinkShipDate = $0.action { true } else { false } })
        let set = h.observeSalesOrder(Harness.salesOrder { $0.setting("delivery_datetime", .s("2026-11-25T17:00:00.000000Z")) })
        #expect(set.contains { $0.action == .setLeafLinkShipDate(orderNumber: ID.order, shipDate: "2026-11-25T17:00:00.000000Z") })
        let again = h.observeSalesOrder(
            Harness.salesOrder { $0.setting("delivery_datetime", .s("2026-11-25T17:00:00.000000Z")).setting("external_notes", .s("x")) })
        #expect(!again.contains { if case .setLeafLinkShipDate = $0.action { true } else { false } })
    }

    @Test("R-UPD-08 Draft orders and orders first seen Fulfilled or later are not synced")
    func notSynced() {
        for status in ["Draft", "Fulfilled", "Shipped", "Complete", "Rejected", "Cancelled", "Combined"] {
            var h = Harness.world()
            #expect(h.observeOrder(Harness.order { $0.setting("status", .s(status)) }).creates.isEmpty, "\(status)")
            #expect(h.sync.phase == .notSynced)
        }
        var draft = Harness.world()
        draft.observeOrder(Harness.order { $0.setting("status", .s("Draft")) })
        #expect(draft.observeOrder(Self.edited(1) { $0.setting("status", .s("Submitted")) }).creates.count == 1, "synced once submitted")
    }

    @Test("R-UPD-08 status mapping LL → Distru: forward only, never backwards")
    func statusLeafLinkToDistru() {
        var h = Harness.synced()
        #expect(h.observeOrder(Self.edited(1) { $0.setting("status", .s("Accepted")) }).statuses == [.processing])
        #expect(h.observeOrder(Self.edited(2) { $0.setting("status", .s("Backorder")) }).statuses.isEmpty)
        h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("DELIVERING")) })
        #expect(h.observeOrder(Self.edited(3) { $0.setting("status", .s("Fulfilled")) }).statuses.isEmpty, "Distru moved further")
        #expect(h.observeOrder(Self.edited(4) { $0.setting("status", .s("Complete")) }).statuses == [.completed])
    }

    @Test("R-UPD-08 the operator can override the LL → Distru status mapping in settings")
    func mappingOverride() {
        var h = Harness.world()
        h.op(.changeSettings(SettingsChange(statusMapping: ["Backorder": "PENDING", "Shipped": "DELIVERED"])))
        h.observeOrder(Harness.order())
        h.succeed(h.emitted.first { $0.key.hasPrefix("distru-so-create") }!, Fixture.json("distru/sales-order-create-response.json"))
        #expect(h.observeOrder(Self.edited(1) { $0.setting("status", .s("Backorder")) }).statuses.isEmpty, "Backorder now maps to PENDING")
        #expect(h.observeOrder(Self.edited(2) { $0.setting("status", .s("Shipped")) }).statuses == [.delivered])
        h.op(.changeSettings(SettingsChange(statusMapping: ["Shipped": ""])))
        #expect(h.state.settings.statusMapping == [.backorder: .pending])
    }

    @Test("R-UPD-08 status mapping Distru → LL: transitions in order skipping none, already-done ones skipped")
    func statusDistruToLeafLink() {
        var h = Harness.synced()
        let ready = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("READY_TO_SHIP")) })
        #expect(ready.transitions == [.accept, .fulfill])
        h.observeOrder(
            Self.edited(1) {
                $0.setting("status", .s("Fulfilled")).setting("available_transitions", .array([.s("shipped"), .s("rejected")]))
            })
        let delivered = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("DELIVERED")) })
        #expect(delivered.transitions == [.ship])
        let completed = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("COMPLETED")) })
        #expect(completed.transitions == [.complete])
        #expect(h.emitted.transitions == [.accept, .fulfill, .ship, .complete])
    }

    @Test("R-UPD-08 a transition the other side does not allow is a sync error, not a crash")
    func refusedTransition() {
        var h = Harness.synced { $0.setting("available_transitions", .array([.s("rejected")])) }
        let commands = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("PROCESSING")) })
        #expect(commands.transitions.isEmpty)
        #expect(h.state.openErrors.contains { $0.rule == "R-UPD-08" && $0.message.contains("does not allow accept") })
        // LL refusing a sent transition is also a sync error.
        var refused = Harness.synced()
        let accept = refused.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("PROCESSING")) }).first {
            $0.key.hasPrefix("ll-transition:")
        }!
        refused.fail(accept, "400 {\"detail\": \"Invalid transition\"}", retryable: false)
        #expect(refused.state.openErrors.contains { $0.rule == "R-UPD-08" && $0.message.contains("Invalid transition") })
        // SO canceled while LL is Complete: reject impossible → sync error.
        var done = Harness.synced()
        done.observeOrder(Self.edited(1) { $0.setting("status", .s("Complete")).setting("available_transitions", .array([])) })
        done.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("CANCELED")) })
        #expect(done.state.openErrors.contains { $0.rule == "R-UPD-08" && $0.message.contains("does not allow rejecting") })
    }
}
