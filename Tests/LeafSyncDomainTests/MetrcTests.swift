import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Metrc transfers (R-MTC)")
struct MetrcTests {
    @Test("R-MTC-01 a transfer template named after the SO number")
    func template() throws {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let commands = h.op(
            .requestMetrcTemplate(
                MetrcTemplateRequest(salesOrderID: ID.salesOrder, transporterLicense: "403R-00077", driverName: "Sam Ortiz")))
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
        #expect(
            matched.contains { $0.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: "4410022", packages: []) })
        #expect(matched.transitions == [.ship, .complete], "accept and fulfill were already sent")
        #expect(h.state.metrcMatches[ID.salesOrder] == "4410022")
        // A voided transfer matches nothing.
        var voided = Harness.synced()
        voided.observeSalesOrder(Harness.salesOrder())
        #expect(
            voided.observe(.metrcTransfer, "4410022", json: Fixture.json("metrc/transfer-so-001042.json").setting("IsVoided", .bool(true)))
                .isEmpty)
        // Without a template, the delivery's invoice number = SO number matches.
        var byInvoice = Harness.synced()
        byInvoice.observeSalesOrder(Harness.salesOrder())
        #expect(
            byInvoice.observe(
                .metrcTransfer, "4410022", json: Fixture.json("metrc/transfer-so-001042.json").setting("OriginatingTemplateId", .null)
            )
            .contains { if case .completeSalesOrder = $0.action { true } else { false } })
    }

    @Test("R-MTC-02 a matched transfer voided later in Metrc is a sync error")
    func voidedAfterMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        #expect(
            h.observe(.metrcTransfer, "4410022", file: "metrc/transfer-so-001042.json").contains {
                if case .completeSalesOrder = $0.action { true } else { false }
            })
        let voided = Fixture.json("metrc/transfer-so-001042.json").setting("IsVoided", .bool(true)).setting(
            "LastModified", .s("2026-11-24T15:00:00+00:00"))
        let commands = h.observe(.metrcTransfer, "4410022", json: voided)
        #expect(commands.emails.count == 1)
        #expect(h.state.metrcMatches[ID.salesOrder] == nil)
        #expect(h.state.openErrors.contains { $0.rule == "R-MTC-02" && $0.message.contains("0004410022") && $0.message.contains("voided") })
    }

    @Test("R-MTC-03 manual match with packages per line completes the SO")
    func manualMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let packages = [
            PackageAssignment(lineID: "it-4846101", packageLabels: ["1A4FF0100000022000000123", "1A4FF0100000022000000125"]),
            PackageAssignment(lineID: "it-4846102", packageLabels: ["1A4FF0100000022000000124"]),
        ]
        let commands = h.op(.matchMetrcTransfer(salesOrderID: ID.salesOrder, transferID: "4410022", packages: packages))
        #expect(
            commands.contains {
                $0.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: "4410022", packages: packages)
            })
        #expect(commands.transitions == [.accept, .fulfill, .ship, .complete])
    }
}
