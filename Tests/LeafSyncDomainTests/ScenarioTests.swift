import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Scenario: one order's whole life")
struct ScenarioTests {
    @Test("R-ORD-01 R-UPD-01 R-UPD-02 R-UPD-08 R-PAY-01 R-MTC-02 an order from blocked to completed")
    func wholeLife() throws {
        var h = Harness.world(mapReps: false)
        h.op(.changeSettings(SettingsChange(defaultSalesOrderLocationID: ID.mainWarehouse, syncPayments: true)))
        h.op(.mapRep(distruUserID: ID.john, leafLinkStaffID: 13))

        // 1. Submitted in LL with rep 417 unmapped: blocked, the admins are told exactly why.
        let submitted = h.observeOrder(Harness.order())
        #expect(submitted.creates.isEmpty)
        #expect(submitted.emails.first?.body.contains("rep 417 (Jane Doe) is not mapped to a Distru user") == true)
        #expect(h.sync.phase == .blocked)
        h.succeedAll(submitted)

        // 2. The rep is mapped: the SO is created by itself with everything copied over.
        let unblocked = h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
        let create = try #require(unblocked.first { $0.key == "distru-so-create:\(ID.order)" })
        let draft = try #require(unblocked.creates.first)
        #expect(draft.companyID == ID.goodVibrations)
        #expect(draft.billingLocationID == ID.goodVibrationsMoffat && draft.shippingLocationID == ID.goodVibrationsMoffat)
        #expect(draft.locationID == ID.mainWarehouse)
        #expect(draft.ownerID == h.state.userOfRep[Reduction.chooseRep(orderNumber: ID.order, repIDs: [417, 13])!])
        #expect(draft.taxID == ID.tax15)
        #expect(draft.status == .pending)
        #expect(
            draft.internalNotes == "First order of the season; VIP buyer" && draft.externalNotes == "Deliver Monday - Wednesday only please"
        )
        #expect(draft.items.map(\.leafLinkLineID) == [4846101, 4846102, 4846103], "duplicate chocolate lines kept, negative line removed")
        #expect(draft.items.map(\.unitPrice) == [money("9.00"), money("25.00"), money("9.00")])
        #expect(draft.charges.map(\.name) == ["LeafLink line 4846104 (PROMO-01)", "LeafLink discount", "Shipping", "LeafLink credit", "Tax"])
        #expect(draft.charges.first { $0.name == "LeafLink credit" }?.editable == false)
        #expect(draft.charges.last?.taxID == ID.tax15, "R-ORD-05: the tax is a charge, sent again with every charges update")
        #expect(h.state.errors["ll-order:\(ID.order)|R-ORD-01"]?.resolvedAt != nil)

        // 3. Distru confirms; LL learns the SO number.
        let created = h.succeed(create, Fixture.json("distru/sales-order-create-response.json"))
        #expect(created.contains { $0.action == .setLeafLinkExternalIDs(orderNumber: ID.order, externalIDs: ["distru_sales_order": "SO-001042"]) })
        h.succeedAll(created)
        h.observeSalesOrder(
            Harness.salesOrder { $0.setting("location", .object(["id": .s(ID.mainWarehouse), "name": .s("Main Warehouse")])) })

        // 4. An LL edit while Pending is applied.
        let edit = h.observeOrder(
            Harness.order { $0.settingLine(1, "quantity", .s("12.0000")).setting("modified", .s("2026-11-20T09:00:00-07:00")) })
        #expect(edit.updates.first?.items?.first { $0.leafLinkLineID == 4846102 }?.quantity == 12)
        h.succeedAll(edit)

        // 5. Distru moves to Processing: LL is accepted; LL's echo changes nothing.
        let processing = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("PROCESSING")) })
        #expect(processing.transitions == [.accept])
        h.succeedAll(processing)
        let acceptedEcho = h.observeOrder(
            Harness.order {
                $0.settingLine(1, "quantity", .s("12.0000")).setting("status", .s("Accepted"))
                    .setting("available_transitions", .array([.s("fulfilled"), .s("rejected")])).setting(
                        "modified", .s("2026-11-20T09:10:00-07:00"))
            })
        #expect(acceptedEcho.isEmpty)

        // 6. The first line gets a batch and the SO is Ready to Ship with a delivery date.
        let ready = h.observeSalesOrder(
            Harness.salesOrder { so in
                var items = so["items"]!.array!
                items[0] = items[0].setting("batch", .object(["id": .s("batch-771")]))
                items[1] = items[1].setting("quantity", .s("12.000000"))
                return so.setting("items", .array(items)).setting("status", .s("READY_TO_SHIP")).setting(
                    "delivery_datetime", .s("2026-11-25T17:00:00.000000Z"))
            })
        #expect(ready.transitions == [.fulfill])
        #expect(ready.contains { $0.action == .setLeafLinkShipDate(orderNumber: ID.order, shipDate: "2026-11-25T17:00:00.000000Z") })
        h.succeedAll(ready)

        // 7. LL edits now: the fulfilled line change and a new item are refused with sync errors.
        let extra = Fixture.json("leaflink/order-submitted.json")["line_items"]!.array![1].setting("id", .n("4846199"))
        let lateOrder = Harness.order {
            $0.settingLine(0, "quantity", .s("36.0000")).settingLine(1, "quantity", .s("12.0000")).mappingLines { $0 + [extra] }
                .setting("status", .s("Fulfilled")).setting("modified", .s("2026-11-20T11:00:00-07:00"))
        }
        let late = h.observeOrder(lateOrder)
        #expect(late.updates.isEmpty && late.statuses.isEmpty)
        #expect(Set(h.state.openErrors.map(\.rule)) == ["R-UPD-01", "R-UPD-02"])
        h.succeedAll(late)

        // 8. A payment recorded in Distru reaches LL.
        h.clock = ISO8601.parse("2026-11-22T12:00:00Z")!
        let paid = h.observe(.distruInvoice, ID.invoice, file: "distru/invoice-so-001042.json")
        #expect(paid.payments.map(\.amount) == [money("500.00")])
        h.succeedAll(paid)

        // 9. Metrc: packages assigned to the lines, template, transfer, completion on both sides.
        let packed = h.observeSalesOrder(
            Harness.salesOrder { so in
                let labels = ["1A4FF0100000022000000123", "1A4FF0100000022000000124", "1A4FF0100000022000000123"]
                var items = so["items"]!.array!.enumerated().map { i, item in item.setting("package", .object(["label": .s(labels[i])])) }
                items[0] = items[0].setting("batch", .object(["id": .s("batch-771")]))
                items[1] = items[1].setting("quantity", .s("12.000000"))
                return so.setting("items", .array(items)).setting("status", .s("READY_TO_SHIP")).setting(
                    "delivery_datetime", .s("2026-11-25T17:00:00.000000Z"))
            })
        #expect(packed.isEmpty)
        let template = h.op(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder, transporterLicense: "403R-00077")))
        h.succeed(template[0], Fixture.json("metrc/template-create-response.json"))
        let transfer = h.observe(.metrcTransfer, "4410022", file: "metrc/transfer-so-001042.json")
        #expect(
            transfer.contains { $0.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: "4410022", packages: []) })
        #expect(transfer.transitions == [.ship, .complete])
        h.succeedAll(transfer)
        let finalLL = h.observeOrder(
            lateOrder.setting("status", .s("Complete")).setting("available_transitions", .array([])).setting(
                "modified", .s("2026-11-24T12:00:00-07:00")))
        #expect(finalLL.isEmpty, "the refused edits stay refused, the errors are not mailed again")
        let finalSO = h.observeSalesOrder(
            Harness.salesOrder { $0.setting("status", .s("COMPLETED")).setting("delivery_datetime", .s("2026-11-25T17:00:00.000000Z")) })
        #expect(finalLL.statuses.isEmpty && finalSO.transitions.isEmpty)
        #expect(h.sync.salesOrderStatus == .completed && h.sync.phase == .synced)
        #expect(h.emitted.creates.count == 1)
        #expect(h.emitted.transitions == [.accept, .fulfill, .ship, .complete])
        #expect(h.state.commands.pending.isEmpty)
        // The whole story can be told from the log.
        let story = h.state.explain("ll-order:\(ID.order)").map { String($0.prefix(9)) }
        for rule in ["R-ORD-01", "R-ORD-13", "R-UPD-01", "R-UPD-02", "R-UPD-07", "R-UPD-08", "R-PAY-01"] {
            #expect(story.contains { $0.hasPrefix(rule) }, "\(rule) missing from the explanation")
        }
    }
}
