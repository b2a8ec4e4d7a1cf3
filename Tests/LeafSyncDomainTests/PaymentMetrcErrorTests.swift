import Foundation
import Testing
import LeafSyncLog
@testable import LeafSyncDomain

@Suite("Payments Distru → LL (R-PAY)")
struct PaymentTests {
    static func invoice(_ change: (JSON) -> JSON = { $0 }) -> JSON { change(Fixture.json("distru/invoice-so-001042.json")) }

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
        #expect(h.observe(.distruInvoice, ID.invoice, json: Self.invoice { $0.setting("status", .s("PAID")) }).payments.isEmpty, "posted once")
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

@Suite("Metrc transfers (R-MTC)")
struct MetrcTests {
    @Test("R-MTC-01 a transfer template named after the SO number")
    func template() throws {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let commands = h.op(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder, transporterLicense: "403R-00077", driverName: "Sam Ortiz")))
        let command = try #require(commands.first)
        guard case .createMetrcTemplate(let d) = command.action else { Issue.record("not a template"); return }
        #expect(d.name == "SO-001042" && d.invoiceNumber == "SO-001042" && d.recipientLicense == "402R-00123")
        #expect(command.key == "metrc-template:\(ID.salesOrder)")
        h.succeed(command, Fixture.json("metrc/template-create-response.json"))
        #expect(h.state.metrcTemplates[ID.salesOrder] == "9101")
    }

    @Test("R-MTC-02 a transfer from the template is matched: SO Completed in Distru and Complete in LL")
    func automaticMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("READY_TO_SHIP")) })
        let t = h.op(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder)))
        h.succeed(t[0], Fixture.json("metrc/template-create-response.json"))
        let matched = h.observe(.metrcTransfer, "4410022", file: "metrc/transfer-so-001042.json")
        #expect(matched.contains { $0.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: "4410022", packages: []) })
        #expect(matched.transitions == [.ship, .complete], "accept and fulfill were already sent")
        #expect(h.state.metrcMatches[ID.salesOrder] == "4410022")
        // A voided transfer matches nothing.
        var voided = Harness.synced()
        voided.observeSalesOrder(Harness.salesOrder())
        #expect(voided.observe(.metrcTransfer, "4410022", json: Fixture.json("metrc/transfer-so-001042.json").setting("IsVoided", .bool(true))).isEmpty)
        // Without a template, the delivery's invoice number = SO number matches.
        var byInvoice = Harness.synced()
        byInvoice.observeSalesOrder(Harness.salesOrder())
        #expect(byInvoice.observe(.metrcTransfer, "4410022", json: Fixture.json("metrc/transfer-so-001042.json").setting("OriginatingTemplateId", .null))
            .contains { if case .completeSalesOrder = $0.action { true } else { false } })
    }

    @Test("R-MTC-02 a matched transfer voided later in Metrc is a sync error")
    func voidedAfterMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        #expect(h.observe(.metrcTransfer, "4410022", file: "metrc/transfer-so-001042.json").contains { if case .completeSalesOrder = $0.action { true } else { false } })
        let voided = Fixture.json("metrc/transfer-so-001042.json").setting("IsVoided", .bool(true)).setting("LastModified", .s("2026-11-24T15:00:00+00:00"))
        let commands = h.observe(.metrcTransfer, "4410022", json: voided)
        #expect(commands.emails.count == 1)
        #expect(h.state.metrcMatches[ID.salesOrder] == nil)
        #expect(h.state.openErrors.contains { $0.rule == "R-MTC-02" && $0.message.contains("0004410022") && $0.message.contains("voided") })
    }

    @Test("R-MTC-03 manual match with packages per line completes the SO")
    func manualMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let packages = [PackageAssignment(lineID: "it-4846101", packageLabels: ["1A4FF0100000022000000123", "1A4FF0100000022000000125"]),
                        PackageAssignment(lineID: "it-4846102", packageLabels: ["1A4FF0100000022000000124"])]
        let commands = h.op(.matchMetrcTransfer(salesOrderID: ID.salesOrder, transferID: "4410022", packages: packages))
        #expect(commands.contains { $0.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: "4410022", packages: packages) })
        #expect(commands.transitions == [.accept, .fulfill, .ship, .complete])
    }
}

@Suite("Sync errors (R-ERR)")
struct ErrorTests {
    @Test("R-ERR-01 a failed sync names the entity, the rule and the fix, and is mailed to admins and recipients")
    func errorMail() throws {
        var h = Harness.world(mapReps: false)
        let mail = try #require(h.observeOrder(Harness.order()).emails.first)
        #expect(mail.recipients == ["jane@distru-customer.example", "ops@distru-customer.example"], "admin Jane + the configured recipient, not John")
        #expect(mail.subjectLine.contains("R-ORD-01") && mail.subjectLine.contains("ll-order:\(ID.order)"))
        #expect(mail.body.contains("rep 417 (Jane Doe) is not mapped") && mail.body.contains("How to fix it: "))
        let id = "ll-order:\(ID.order)|R-ORD-01"
        #expect(mail.errorID == id && h.state.errors[id]?.emailedAt == nil)
        h.succeed(h.emitted.first { $0.key.hasPrefix("error-email:") }!)
        #expect(h.state.errors[id]?.emailedAt != nil)
    }

    @Test("R-ERR-02 the same unresolved error is mailed once; when it resolves it is marked resolved")
    func mailedOnce() {
        var h = Harness.world(mapReps: false)
        h.op(.mapRep(distruUserID: ID.john, leafLinkStaffID: 13))
        h.observeOrder(Harness.order())
        for _ in 0..<5 { h.tick() }
        h.observeOrder(Harness.order { $0.setting("modified", .s("2026-11-20T12:00:00-07:00")) })
        #expect(h.emitted.emails.count == 1)
        h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
        let error = h.state.errors["ll-order:\(ID.order)|R-ORD-01"]
        #expect(error?.resolvedAt != nil)
        #expect(h.state.openErrors.isEmpty)
        #expect(h.state.explain("ll-order:\(ID.order)").contains { $0.hasPrefix("R-ORD-01: resolved") })
    }

    @Test("R-ERR-03 failing commands are retried with backoff and finally become a sync error")
    func retries() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        h.fail(create, "503 Service Unavailable")
        #expect(h.tick(after: 10).isEmpty || !h.emitted.suffix(1).keys.contains(create.key), "not before the backoff")
        var retried = 0
        for _ in 0..<10 {
            let out = h.tick(after: 600)
            if out.keys.contains(create.key) {
                retried += 1
                h.fail(create, "503 Service Unavailable")
            }
        }
        #expect(retried == CommandBook.maxAttempts - 1)
        let error = h.state.openErrors.first { $0.rule == "R-ERR-03" }
        #expect(error?.message.contains("failed 5 times: 503 Service Unavailable") == true)
        #expect(h.state.commands.pending[create.key] == nil && h.state.commands.abandoned.contains(create.key))
        #expect(h.sync.phase == .blocked)
        // A permanent refusal is an error at once.
        var refused = Harness.synced()
        let update = try #require(refused.observeOrder(Harness.order { $0.setting("notes", .s("x")).setting("modified", .s("2026-11-20T10:00:00-07:00")) }).first)
        refused.fail(update, "422 {\"errors\":[{\"message\":\"quantity must be positive\",\"pointer\":[\"items\",0,\"quantity\"]}]}", retryable: false)
        #expect(refused.state.openErrors.contains { $0.rule == "R-ERR-03" && $0.message.contains("was refused") })
    }
}
