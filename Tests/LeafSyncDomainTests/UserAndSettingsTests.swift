import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Users, reps and settings (R-USR, R-SET)")
struct UserAndSettingsTests {
    @Test("R-USR-01 each user maps to at most one rep and each rep to at most one user")
    func oneToOne() {
        var h = Harness.world(mapReps: false)
        h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
        h.op(.mapRep(distruUserID: ID.john, leafLinkStaffID: 417))
        #expect(h.state.userOfRep[417] == ID.jane)
        #expect(h.state.refusals["distru-user:\(ID.john)"]?.rule == "R-USR-01")
        h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 13))
        #expect(h.state.repOfUser[ID.jane] == 417)
        h.op(.unmapRep(distruUserID: ID.jane))
        h.op(.mapRep(distruUserID: ID.john, leafLinkStaffID: 417))
        #expect(h.state.userOfRep[417] == ID.john && h.state.repOfUser[ID.jane] == nil)
    }

    @Test("R-USR-02 LL staff are kept as a projection showing whether each rep is mapped")
    func repDirectory() {
        var h = Harness.world(mapReps: false)
        h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
        let rows = h.state.repDirectory()
        #expect(rows.map(\.staffID) == [13, 417])
        #expect(rows.first { $0.staffID == 417 }?.distruUserName == "Jane Doe")
        #expect(rows.first { $0.staffID == 13 }?.distruUserID == nil)
        #expect(rows.first { $0.staffID == 13 }?.email == "john.doe@example-cannabis.com")
    }

    @Test("R-SET-01 secrets sent with a settings change never reach the state, commands or e-mails")
    func secretsStayOut() {
        var h = Harness.world(mapReps: false)
        let secret = "ll-app-key-7f3a9c2e51"
        let payload = JSONValue.object([
            "errorRecipients": .array([.s("ops@example.com")]), "leafLinkApiKey": .s(secret), "webhookKey": .s("whk-\(secret)"),
        ])
        h.feed(
            NewEvent(
                type: EventType.settingsChanged, schemaVersion: 2, source: "operator", subject: "settings", payload: payload.canonicalBytes)
        )
        h.observeOrder(Harness.order())
        let everything = "\(h.state)" + "\(h.emitted)"
        #expect(!everything.contains(secret))
        #expect(h.state.settings.errorRecipients == ["ops@example.com"])
        // The settings type has no field for a key: the event written by the engine cannot carry one.
        let labels = Mirror(reflecting: SettingsChange()).children.compactMap(\.label)
        #expect(!labels.contains { $0.lowercased().contains("key") && $0 != "webhookKeyConfigured" })
    }

    @Test("R-SET-02 settings take effect from their event on, never retroactively")
    func notRetroactive() {
        var h = Harness.world()
        #expect(h.observeOrder(Harness.order()).creates.first?.locationID == nil)
        h.op(.changeSettings(SettingsChange(defaultSalesOrderLocationID: ID.mainWarehouse)))
        #expect(h.sync.sent?.locationID == nil, "the earlier SO is unchanged")
        #expect(
            h.observe(.leafLinkOrder, ID.medicalOrder, file: "leaflink/order-medical-part.json").creates.first?.locationID
                == ID.mainWarehouse)
        // Turning price sync on does not push the differences that existed before.
        var prices = Harness.world()
        prices.observe(
            .distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.990000")))
        prices.op(.changeSettings(SettingsChange(syncPrices: true)))
        let cycle = prices.tick()
        #expect(cycle.productUpdates.isEmpty && cycle.salePrices.isEmpty)
    }

    @Test("R-SET-03 defaults: polls and pushes every 10 minutes; webhooks fetch at once only with a webhook key")
    func defaultsAndWebhooks() {
        var h = Harness.world()
        #expect(
            h.state.settings.orderPollSeconds == 600 && h.state.settings.productPollSeconds == 600
                && h.state.settings.inventoryPushSeconds == 600)
        let first = h.tick()
        #expect(first.contains { $0.action == .poll(system: "leaflink", kind: "orders") })
        #expect(!h.tick(after: 300).contains { $0.action == .poll(system: "leaflink", kind: "orders") })
        #expect(h.tick(after: 300).contains { $0.action == .poll(system: "leaflink", kind: "orders") })
        let body = Fixture.bytes("leaflink/webhook-order-edit.json")
        let subject = "ll-order:93f5e0eb-64ee-4e1c-a248-0b7e43dfd645"
        #expect(h.feed(EventFactory.leafLinkWebhook(subject: subject, body: body)).isEmpty)
        h.op(.changeSettings(SettingsChange(webhookKeyConfigured: true)))
        // The next delivery (a new edit) triggers an immediate fetch of the order it names.
        let created = Fixture.json("leaflink/webhook-order-edit.json").setting("action", .s("create")).canonicalBytes
        let fetch = h.feed(EventFactory.leafLinkWebhook(subject: subject, body: created))
        #expect(fetch.map(\.action) == [.fetchRecord(system: "leaflink", kind: "order", id: "93f5e0eb-64ee-4e1c-a248-0b7e43dfd645")])
        // The same body delivered again (the sender retries) is deduplicated by its hash.
        #expect(h.feed(EventFactory.leafLinkWebhook(subject: subject, body: created)).isEmpty)
    }
}
