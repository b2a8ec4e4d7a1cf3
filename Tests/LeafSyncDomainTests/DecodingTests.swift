import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Event catalog and tolerant decoding")
struct DecodingTests {
    static func recorded(_ e: NewEvent, sequence: UInt64 = 1) -> RecordedEvent {
        RecordedEvent(
            sequence: sequence, recordedAt: e.recordedAt ?? Timestamp.start, type: e.type, schemaVersion: e.schemaVersion,
            source: e.source, subject: e.subject, payload: EventPayload(e.payload))
    }

    @Test("REST order with embedded lines decodes: amounts as numbers or strings, customer as object or id")
    func restOrder() throws {
        let e = DomainEvent(
            recorded: Self.recorded(
                EventFactory.observed(.leafLinkOrder, id: ID.order, bytes: Fixture.bytes("leaflink/order-submitted.json"))))
        guard case .leafLinkOrder(let o) = e.fact else { Issue.record("not an order: \(e.fact)"); return }
        #expect(o.status == .submitted && o.customerID == ID.customer && o.salesReps.map(\.id) == [417, 13])
        #expect(o.lines?.count == 4 && o.lines?[0].orderedUnitPrice == money("108.00") && o.lines?[0].quantity == 24)
        #expect(o.shippingCharge == money("25") && o.total == money("1085.5") && o.credits == money("20.00") && o.taxPercent == 15)
        #expect(e.subject == "ll-order:\(ID.order)" && e.fingerprint != nil)
        let plainCustomer = try LeafLinkOrder(
            json: Fixture.json("leaflink/order-submitted.json").setting("customer", .n("148515")).setting("shipping_charge", .s("12.50")))
        #expect(plainCustomer.customerID == ID.customer && plainCustomer.shippingCharge == money("12.50"))
        // The LeafLink v2 example order (no embedded lines) decodes too; its lines are simply unknown.
        let sample = try LeafLinkOrder(
            json: try JSONParser.parse(
                Array(try Data(contentsOf: Paths.repoRoot.appendingPathComponent("data/samples/leaflink/order.json")))))
        #expect(sample.lines == nil && sample.status == .accepted && sample.total == money("594"))
    }

    @Test("unknown enum values are kept as unknown, missing optional fields are fine")
    func unknownsAndMissing() throws {
        let o = try LeafLinkOrder(json: Fixture.json("leaflink/order-submitted.json").setting("status", .s("OnHold")))
        #expect(o.status == .unknown("OnHold"))
        let minimal = try LeafLinkOrder(json: JSONValue.object(["number": .s("abc"), "status": .s("Submitted")]))
        #expect(minimal.salesReps.isEmpty && minimal.lines == nil && minimal.credits == .zero)
        let so = try DistruOrder(json: Fixture.json("distru/sales-order-synced.json").setting("status", .s("ON_HOLD")))
        #expect(so.status == .unknown("ON_HOLD"))
        let product = try LeafLinkProduct(
            json: Fixture.json("leaflink/product-2093.json").setting("inventory_management", .s("Managed")).setting(
                "unit_of_measure", .s("Each")))
        #expect(product.inventoryManagement == .managed && product.unit == .unit)
        let user = try DistruUser(json: Fixture.json("distru/user-john.json"))
        #expect(user.id == "5150", "integer ids from older Distru data are accepted")
        let wrapped = try DistruOrder(json: JSONValue.object(["data": Fixture.json("distru/sales-order-synced.json")]))
        #expect(wrapped.id == ID.salesOrder)
    }

    @Test("the webhook shape decodes as a hint naming the order")
    func webhook() {
        let e = DomainEvent(
            recorded: Self.recorded(
                EventFactory.leafLinkWebhook(
                    subject: "ll-order:93f5e0eb-64ee-4e1c-a248-0b7e43dfd645", body: Fixture.bytes("leaflink/webhook-order-edit.json"))))
        #expect(e.fact == .leafLinkWebhook(try! LeafLinkWebhook(json: Fixture.json("leaflink/webhook-order-edit.json"))))
        if case .leafLinkWebhook(let w) = e.fact {
            #expect(w.type == "order" && w.action == "edit" && w.recordID == "93f5e0eb-64ee-4e1c-a248-0b7e43dfd645")
        }
        // Its older line shape (orderedproduct_set) is readable as well.
        let data = Fixture.json("leaflink/webhook-order-edit.json")["data"]!
        let order = try? LeafLinkOrder(json: data)
        #expect(order?.lines?.count == 3 && order?.lines?.first?.productSKU == "CH-W-0029" && order?.lines?.first?.productID == nil)
        #expect(order?.lines?.first?.pricePerUnit == money("4.75"), "114.00 per case of 24")
        // A bare record delivered without the envelope is read with the type and id of its subject.
        let bare = DomainEvent(
            recorded: Self.recorded(
                EventFactory.leafLinkWebhook(subject: "ll-product:2093", body: Fixture.bytes("leaflink/product-2093.json"))))
        if case .leafLinkWebhook(let w) = bare.fact {
            #expect(w.type == "product" && w.recordID == "2093")
        } else {
            Issue.record("bare webhook not read: \(bare.fact)")
        }
    }

    @Test("R-ERR-01 an undecodable record becomes a recorded rejection with the reason, not a crash")
    func rejection() {
        var h = Harness.world()
        let truncated = h.feed(EventFactory.observed(.leafLinkOrder, id: ID.order, bytes: Fixture.bytes("leaflink/order-truncated.json")))
        #expect(truncated.creates.isEmpty)
        #expect(h.state.rejections["ll-order:\(ID.order)"]?.contains("not valid JSON") == true)
        #expect(h.state.openErrors.contains { $0.rule == "R-ERR-01" && $0.subject == "ll-order:\(ID.order)" })
        let badQuantity = Harness.order { $0.settingLine(0, "quantity", .s("twenty-four")) }
        h.observeOrder(badQuantity)
        #expect(h.state.rejections["ll-order:\(ID.order)"]?.contains("LeafLink line item 4846101 has no readable `quantity`") == true)
        // A readable version arrives: the rejection resolves and the order syncs.
        #expect(h.observeOrder(Harness.order()).creates.count == 1)
        #expect(h.state.rejections.isEmpty)
        #expect(h.state.errors["ll-order:\(ID.order)|R-ERR-01"]?.resolvedAt != nil)
        // A newer schema version than the engine knows is a rejection too.
        let future = DomainEvent(
            recorded: RecordedEvent(
                sequence: 9, recordedAt: .start, type: EventType.repMapped, schemaVersion: 9, source: "operator", subject: "x",
                payload: EventPayload(Array("{}".utf8))))
        if case .rejected(_, let reason) = future.fact {
            #expect(reason.contains("upgrade the engine"))
        } else {
            Issue.record("not rejected")
        }
    }

    @Test("schema evolution: version-1 settings and rep-mapping events are upcast on read")
    func upcast() throws {
        let v1Settings = NewEvent(
            type: EventType.settingsChanged, schemaVersion: 1, source: "operator", subject: "settings",
            payload: Array(#"{"inventoryLocationID":"7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d","syncSalePrice":true}"#.utf8))
        let v1Map = NewEvent(
            type: EventType.repMapped, schemaVersion: 1, source: "operator", subject: "distru-user:\(ID.jane)",
            payload: Array(#"{"userID":"2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d","repID":417}"#.utf8))
        #expect(
            DomainEvent(recorded: Self.recorded(v1Settings)).fact
                == .operatorAction(.changeSettings(SettingsChange(inventoryLocationIDs: [ID.mainWarehouse], syncPrices: true))))
        #expect(DomainEvent(recorded: Self.recorded(v1Map)).fact == .operatorAction(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417)))
        var h = Harness.world(mapReps: false)
        h.feed(v1Settings)
        h.feed(v1Map)
        #expect(h.state.settings.inventoryLocationIDs == [ID.mainWarehouse] && h.state.settings.syncPrices)
        #expect(h.state.userOfRep[417] == ID.jane)
        // New events are written at the current version and read back identically.
        let action = OperatorAction.mapRep(distruUserID: ID.john, leafLinkStaffID: 13)
        let written = try EventFactory.operatorAction(action)
        #expect(written.schemaVersion == 2)
        #expect(DomainEvent(recorded: Self.recorded(written)).fact == .operatorAction(action))
    }

    @Test("every operator action and engine event round-trips through its log encoding")
    func roundTrip() throws {
        let actions: [OperatorAction] = [
            .changeSettings(
                SettingsChange(
                    priceLockStatus: "Fulfilled", inventoryLocationIDs: [ID.storeB], useCustomerDefaultInventorySource: true,
                    defaultSalesOrderLocationID: ID.mainWarehouse, syncPrices: true, syncPayments: true, errorRecipients: ["a@b.c"],
                    orderPollSeconds: 60, productPollSeconds: 120, inventoryPushSeconds: 300, webhookKeyConfigured: true,
                    statusMapping: ["Backorder": "PENDING"])),
            .mapRep(distruUserID: ID.jane, leafLinkStaffID: 417), .unmapRep(distruUserID: ID.jane),
            .linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2093), .unlinkProduct(distruProductID: ID.chocolate),
            .acceptSuggestion(distruProductID: ID.chocolate, leafLinkProductID: 2093),
            .createLeafLinkProduct(
                LeafLinkProductRequest(
                    distruProductID: ID.cartridge, wholesalePrice: money("18.10"), minimumOrder: dec("1.5"), sellInMultiples: true,
                    unitsPerCase: 12)),
            .updateLeafLinkProductFields(LeafLinkProductRequest(distruProductID: ID.chocolate, brandID: 50, retailPrice: money("20.00"))),
            .associateCustomer(leafLinkCustomerID: ID.customer, distruCompanyID: ID.goodVibrations),
            .deleteSalesOrder(salesOrderID: ID.salesOrder, rejectInLeafLink: true),
            .requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder, transporterLicense: "403R-00077")),
            .requestMetrcTemplate(
                MetrcTemplateRequest(
                    salesOrderID: ID.salesOrder, driverName: "Sam Ortiz", estimatedDeparture: "2026-11-24T09:00:00Z",
                    estimatedArrival: "2026-11-24T13:00:00Z", transferType: "Transfer")),
            .matchMetrcTransfer(
                salesOrderID: ID.salesOrder, transferID: "4410022", packages: [PackageAssignment(lineID: "it-1", packageLabels: ["1A4"])]),
        ]
        for a in actions {
            let e = DomainEvent(recorded: Self.recorded(try EventFactory.operatorAction(a)))
            #expect(e.fact == .operatorAction(a), "\(a.eventType)")
        }
        let tick = DomainEvent(recorded: Self.recorded(EventFactory.tick(at: Timestamp(microseconds: 1_764_000_000_123_456))))
        #expect(tick.fact == .tick && tick.time.microseconds == 1_764_000_000_123_456)
        let command = Command(
            key: "distru-so-create:x", subject: "ll-order:x", rule: "R-ORD-01", action: .poll(system: "leaflink", kind: "orders"))
        #expect(
            DomainEvent(
                recorded: Self.recorded(
                    EventFactory.commandSucceeded(command, response: Fixture.json("distru/sales-order-create-response.json")))
            ).fact
                == .commandSucceeded(key: "distru-so-create:x", response: Fixture.json("distru/sales-order-create-response.json")))
        #expect(
            DomainEvent(recorded: Self.recorded(EventFactory.commandFailed(command, error: "boom", retryable: false))).fact
                == .commandFailed(CommandFailure(key: "distru-so-create:x", error: "boom", retryable: false)))
        #expect(
            DomainEvent(
                recorded: Self.recorded(
                    NewEvent(type: EventType.leafLinkFetchCursor, source: "leaflink", subject: "cursor", payload: Array("{}".utf8)))
            ).fact
                == .ignored(type: EventType.leafLinkFetchCursor))
    }

    @Test("an operator payload that cannot be JSON throws and writes nothing; payloads keep their written form")
    func operatorPayloads() throws {
        let nan = OperatorAction.createLeafLinkProduct(LeafLinkProductRequest(distruProductID: ID.cartridge, minimumOrder: .nan))
        #expect(throws: JSONValueError.notANumber) { try EventFactory.operatorAction(nan) }
        let badPrice = OperatorAction.updateLeafLinkProductFields(
            LeafLinkProductRequest(distruProductID: ID.cartridge, wholesalePrice: Money(.nan)))
        #expect(throws: JSONValueError.notANumber) { try EventFactory.operatorAction(badPrice) }
        // Canonical (sorted, no spaces), money as a string, decimals as numbers: as written before.
        let request = OperatorAction.createLeafLinkProduct(
            LeafLinkProductRequest(
                distruProductID: "d-1", wholesalePrice: money("18.10"), minimumOrder: dec("1.5"), sellInMultiples: true, unitsPerCase: 12))
        #expect(
            String(decoding: try EventFactory.operatorAction(request).payload, as: UTF8.self)
                == #"{"distruProductID":"d-1","minimumOrder":1.5,"sellInMultiples":true,"unitsPerCase":12,"wholesalePrice":"18.1"}"#)
        // A member of the wrong kind is an invalid payload, as it was for the Codable decoder.
        let wrong = NewEvent(
            type: EventType.repMapped, schemaVersion: EventType.currentVersion(of: EventType.repMapped), source: "operator",
            subject: "distru-user:x", payload: Array(#"{"distruUserID":7,"leafLinkStaffID":13}"#.utf8))
        guard case .rejected(_, let reason) = DomainEvent(recorded: Self.recorded(wrong)).fact else {
            Issue.record("a rep mapping with a numeric user id was accepted")
            return
        }
        #expect(reason.contains("distruUserID is not a string"))
    }

    @Test("R-PRC-02 money is exact decimal: JSON numbers keep their text, rounding is half-even")
    func exactMoney() throws {
        let json = try JSONParser.parse(#"{"a": 0.1, "b": "0.2", "c": {"amount": 1e2, "currency": "USD"}, "d": "x\u00e9\n"}"#)
        #expect(json["a"]?.decimal == dec("0.1") && (json["a"]!.decimal! + json["b"]!.decimal!) == dec("0.3"))
        #expect(json["c"]?.decimal == 100 && json["d"]?.string == "xé\n")
        #expect(
            JSONValue.object(["b": .string("a\u{01}\"\\é\n"), "a": .number("1.50")]).canonicalText == #"{"a":1.50,"b":"a\u0001\"\\é\n"}"#)
        #expect(try JSONParser.parse(JSONValue.string("a\u{01}\"\\é\n\t").canonicalBytes) == .string("a\u{01}\"\\é\n\t"))
        #expect(Money(dec("2.675")).dividedRoundingToCent(by: 1) == money("2.68"))
        #expect(Money(dec("2.665")).dividedRoundingToCent(by: 1) == money("2.66"))
        #expect(money("-0.5").description == "-0.50" && money("108").description == "108.00")
        #expect(DecimalText.parse("12abc") == nil && DecimalText.parse("1.2.3") == nil && DecimalText.parse("-4.000000") == -4)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": }") }
        #expect(
            ISO8601.parse("2020-06-10T15:15:03.776119-06:00")?.microseconds == ISO8601.parse("2020-06-10T21:15:03.776119Z")?.microseconds)
        #expect(ISO8601.parse("2026-11-20")?.description == "2026-11-20T00:00:00.000000Z")
    }
}
