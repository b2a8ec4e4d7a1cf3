import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Payments Distru → LL (R-PAY)")
struct PaymentTests {
    static func invoice(_ change: (JSONValue) -> JSONValue = { $0 }) -> JSONValue { change(Fixture.json("distru/invoice-so-001042.json")) }

    @Test("R-PAY-01 an invoice payment on a synced SO creates an LL order payment with the same amount and date")
    func paymentSynced() {
        var h = Harness.synced()
        h.op(.changeSettings(SettingsChange(syncPayments: true)))
        h.clock = ISO8601.parse("2026-11-22T00:00:00Z")!
        let commands = h.observe(.distruInvoice, ID.invoice, json: Self.invoice())
        let p = commands.payments.first
        #expect(p?.orderNumber == ID.order && p?.amount == money("500.00") && p?.paymentDate == "2026-11-22")
        #expect(p?.recordedBy == h.state.repOfUser[h.sync.sent!.ownerID!])
        #expect(commands.first?.key == "ll-payment:\(ID.payment)")
        #expect(
            h.observe(.distruInvoice, ID.invoice, json: Self.invoice { $0.setting("status", .s("PAID")) }).payments.isEmpty, "posted once")
    }

    @Test("R-PAY-02 deleting the payment in Distru posts a negative LL payment of the same amount")
    func reversal() {
        var h = Harness.synced()
        h.op(.changeSettings(SettingsChange(syncPayments: true)))
        h.clock = ISO8601.parse("2026-11-22T00:00:00Z")!
        h.observe(.distruInvoice, ID.invoice, json: Self.invoice())
        let removed = h.observe(.distruInvoice, ID.invoice, json: Self.invoice { $0.setting("payments", .array([])) })
        #expect(removed.payments.map(\.amount) == [money("-500.00")])
        #expect(removed.first?.key == "ll-payment-reversal:\(ID.payment)")
        #expect(h.feed(EventFactory.distruDeleted(kind: "invoice", id: ID.invoice)).payments.isEmpty, "reversed once")
    }

    @Test("R-PAY-03 only payments recorded after the setting was turned on sync; LL payments never flow to Distru")
    func onlyAfterSettingAndOneWay() {
        var off = Harness.synced()
        #expect(off.observe(.distruInvoice, ID.invoice, json: Self.invoice()).payments.isEmpty, "setting off")

        var late = Harness.synced()
        late.clock = ISO8601.parse("2026-11-23T00:00:00Z")!
        late.op(.changeSettings(SettingsChange(syncPayments: true)))
        #expect(late.observe(.distruInvoice, ID.invoice, json: Self.invoice()).payments.isEmpty, "recorded on the 22nd, before the setting")
        #expect(late.state.explain("ll-order:\(ID.order)").contains { $0.hasPrefix("R-PAY-03") })

        var ll = Harness.synced()
        ll.op(.changeSettings(SettingsChange(syncPayments: true)))
        let observed = ll.observe(.leafLinkPayment, "77", file: "leaflink/order-payment-77.json")
        #expect(observed.isEmpty)
    }
}
