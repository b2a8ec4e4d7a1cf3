import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

/// Records and helpers of the Metrc tests: the synced SO SO-001042 (lines it-4846101 24 × 9.00
/// chocolate, it-4846102 10 × 25.00 Blue Dream, it-4846103 12 × 9.00 chocolate) for customer Good
/// Vibrations (licence 402R-00123), and Metrc transfer 4410022 (manifest 0004410022, template 9101,
/// invoice SO-001042, packages …123 and …124).
enum MetrcFixture {
    static let chocolateBar = "1A4FF0100000022000000123"
    static let blueDream = "1A4FF0100000022000000124"
    static let extraBar = "1A4FF0100000022000000125"
    static let transfer = "4410022"

    /// The synced SO with `labels[i]` assigned as the package of line `i` (`nil`: none).
    static func salesOrder(packages labels: [String?], _ change: (JSONValue) -> JSONValue = { $0 }) -> JSONValue {
        let so = Harness.salesOrder()
        let items = (so["items"]?.array ?? []).enumerated().map { i, item in
            item.setting("package", i < labels.count ? labels[i].map { ["label": .s($0)] } ?? .null : .null)
        }
        return change(so.setting("items", .array(items)))
    }

    /// The transfer fixture with one delivery, as the fetcher appends it; `nil` members are left out.
    static func transfer(
        template: String? = "9101", invoice: String? = "SO-001042", recipient: String = "402R-00123",
        created: String = "2026-11-24T09:12:00+00:00", voided: Bool = false, packages: [(String, String)] = [
            (chocolateBar, "Shipped"), (blueDream, "Shipped"),
        ]
    ) -> JSONValue {
        let rows: [JSONValue] = packages.map { ["PackageLabel": .s($0.0), "ShipmentPackageState": .s($0.1), "ItemName": .s("item")] }
        var delivery: JSONObject = ["Id": .n("55101"), "RecipientFacilityLicenseNumber": .s(recipient), "Packages": .array(rows)]
        if let invoice { delivery["InvoiceNumber"] = .s(invoice) }
        return Fixture.json("metrc/transfer-so-001042.json")
            .setting("deliveries", .null)
            .setting("Deliveries", .array([.object(delivery)]))
            .setting("OriginatingTemplateId", template.map { .n($0) } ?? .null)
            .setting("IsVoided", .bool(voided))
            .setting("CreatedDateTime", .s(created))
    }

    /// A transfer that matches SO-001042 at no level (another customer, no template or invoice).
    static func unrelatedTransfer(packages: [(String, String)]) -> JSONValue {
        transfer(template: nil, invoice: nil, recipient: "402R-09999", packages: packages)
    }

    static func isCompletion(_ c: Command) -> Bool { if case .completeSalesOrder = c.action { true } else { false } }
}

@Suite("Metrc transfers (R-MTC)")
struct MetrcTests {
    // MARK: R-MTC-01

    @Test("R-MTC-01 the template draft: SO number as name and invoice number, the customer's licence and transfer type, packages with wholesale prices")
    func templateDraft() throws {
        var h = Harness.synced()
        h.observeSalesOrder(MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.chocolateBar]))
        let commands = h.op(
            .requestMetrcTemplate(
                MetrcTemplateRequest(
                    salesOrderID: ID.salesOrder, transporterLicense: "403R-00077", driverName: "Sam Ortiz",
                    estimatedDeparture: "2026-11-24T09:00:00Z", estimatedArrival: "2026-11-24T13:00:00Z")))
        #expect(commands.count == 1)
        let command = try #require(commands.first)
        #expect(command.key == "metrc-template:\(ID.salesOrder)" && command.rule == "R-MTC-01")
        #expect(
            command.action
                == .createMetrcTemplate(
                    MetrcTemplateDraft(
                        name: "SO-001042", salesOrderID: ID.salesOrder, recipientLicense: "402R-00123", transferType: "Wholesale Manifest",
                        invoiceNumber: "SO-001042", transporterLicense: "403R-00077", driverName: "Sam Ortiz",
                        estimatedDeparture: "2026-11-24T09:00:00Z", estimatedArrival: "2026-11-24T13:00:00Z",
                        packages: [
                            // Both chocolate lines carry package …123: 24 × 9.00 + 12 × 9.00.
                            .init(label: MetrcFixture.chocolateBar, wholesalePrice: money("324.00")),
                            .init(label: MetrcFixture.blueDream, wholesalePrice: money("250.00")),
                        ])))
        #expect(
            command.action.canonicalJSONText
                == #"{"driverName":"Sam Ortiz","estimatedArrival":"2026-11-24T13:00:00Z","estimatedDeparture":"2026-11-24T09:00:00Z","invoiceNumber":"SO-001042","kind":"createMetrcTemplate","name":"SO-001042","packages":[{"label":"1A4FF0100000022000000123","wholesalePrice":"324"},{"label":"1A4FF0100000022000000124","wholesalePrice":"250"}],"recipientLicense":"402R-00123","salesOrderID":"0f6a2b8c-1d3e-4f5a-9b7c-8d9e0f1a2b3c","transferType":"Wholesale Manifest","transporterLicense":"403R-00077"}"#
        )
        // The operator may name another transfer type.
        var other = Harness.synced()
        other.observeSalesOrder(MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.extraBar]))
        let transfer = other.op(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder, transferType: "Transfer")))
        guard case .createMetrcTemplate(let d) = transfer.first?.action else { Issue.record("no template"); return }
        #expect(d.transferType == "Transfer" && d.packageLabels == [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.extraBar])
    }

    @Test("R-MTC-01 a template is refused, saying what to fix, for a line without a package or a customer without a licence")
    func templateRefused() throws {
        var h = Harness.synced()
        h.observeSalesOrder(MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, nil, MetrcFixture.chocolateBar]))
        let before = h.state.commands
        let request = OperatorAction.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder))
        #expect(h.op(request).isEmpty)
        let subject = "distru-order:\(ID.salesOrder)"
        let noPackage = try #require(h.state.refusals[subject])
        #expect(noPackage.rule == "R-MTC-01")
        #expect(
            noPackage.text.contains("line(s) it-4846102")
                && noPackage.text.contains("assign a package to every line in Distru"), "\(noPackage.text)")

        // Every line assigned, but the customer's only licence is inactive.
        h.observeSalesOrder(MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.chocolateBar]))
        h.observe(
            .distruCompany, ID.goodVibrations,
            json: Fixture.json("distru/company-good-vibrations.json").setting(
                "licenses", .array([["license_number": .s("402R-00123"), "active": .bool(false)]])))
        #expect(h.op(request).isEmpty)
        let noLicence = try #require(h.state.refusals[subject])
        #expect(
            noLicence.text == "R-MTC-01: customer Good Vibrations Dispensary of SO SO-001042 has no active licence in Distru; add its licence number to the company in Distru, then request the template again"
        )
        // An SO that is not synced.
        #expect(h.op(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: "so-unknown"))).isEmpty)
        #expect(h.state.refusals["distru-order:so-unknown"]?.text.contains("not a synced SO") == true)
        #expect(h.state.metrcTemplates.isEmpty && h.state.metrcTemplateErrors.isEmpty && h.state.commands == before)
        // A canceled SO gets no template.
        var canceled = Harness.synced()
        canceled.observeSalesOrder(
            MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.chocolateBar]) {
                $0.setting("status", .s("CANCELED"))
            })
        #expect(canceled.op(request).isEmpty)
        #expect(canceled.state.refusals[subject]?.text == "R-MTC-01: SO SO-001042 is canceled in Distru; no transfer goes out for it")
    }

    @Test("R-MTC-01 the template outcome is recorded on the SO: the template id, or the error")
    func templateOutcome() throws {
        var h = Harness.synced()
        h.observeSalesOrder(MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.chocolateBar]))
        let request = OperatorAction.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder))
        let command = try #require(h.op(request).first)
        // A refused write: the error is on the SO, a sync error is open, and asking again says how to retry.
        h.fail(command, "HTTP 400: RecipientLicenseNumber 402R-00123 is not a valid facility", retryable: false, status: 400)
        #expect(h.state.metrcTemplateErrors == [ID.salesOrder: "HTTP 400: RecipientLicenseNumber 402R-00123 is not a valid facility"])
        #expect(h.state.metrcTemplates.isEmpty)
        #expect(h.state.openErrors.contains { $0.detail(command.key) && $0.message.contains("creating Metrc template SO-001042") })
        #expect(
            h.state.metrcSalesOrders() == [
                MetrcSalesOrderRow(
                    salesOrderID: ID.salesOrder, salesOrderNumber: "SO-001042", templateID: nil,
                    templateError: "HTTP 400: RecipientLicenseNumber 402R-00123 is not a valid facility", transferID: nil, manifestNumber: nil)
            ])
        #expect(h.op(request).isEmpty)
        #expect(h.state.refusals["distru-order:\(ID.salesOrder)"]?.text.contains("`leafsync retry metrc-template:\(ID.salesOrder)`") == true)
        // Retried by the operator and created: the id replaces the error, and the error resolves.
        let retried = h.op(.retryCommand(key: command.key))
        #expect(retried.keys == [command.key])
        h.succeed(command, Fixture.json("metrc/template-create-response.json"))
        #expect(h.state.metrcTemplates == [ID.salesOrder: "9101"] && h.state.metrcTemplateErrors.isEmpty)
        #expect(!h.state.openErrors.contains { $0.detail(command.key) })
        #expect(
            h.state.metrcSalesOrders() == [
                MetrcSalesOrderRow(
                    salesOrderID: ID.salesOrder, salesOrderNumber: "SO-001042", templateID: "9101", templateError: nil, transferID: nil,
                    manifestNumber: nil)
            ])
        // A second template for the same SO is refused.
        #expect(h.op(request).isEmpty)
        #expect(h.state.refusals["distru-order:\(ID.salesOrder)"]?.text.contains("already has Metrc template 9101") == true)
    }

    // MARK: R-MTC-02

    @Test("R-MTC-02 a transfer from the template is matched: SO Completed in Distru and Complete in LL")
    func automaticMatch() throws {
        var h = Harness.synced()
        h.observeSalesOrder(
            MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, MetrcFixture.blueDream, MetrcFixture.chocolateBar]) {
                $0.setting("status", .s("READY_TO_SHIP"))
            })
        let t = h.op(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: ID.salesOrder)))
        h.succeed(t[0], Fixture.json("metrc/template-create-response.json"))
        let matched = h.observe(.metrcTransfer, MetrcFixture.transfer, file: "metrc/transfer-so-001042.json")
        let complete = try #require(matched.first)
        #expect(complete.key == "distru-so-complete:\(ID.salesOrder):\(MetrcFixture.transfer)" && complete.rule == "R-MTC-02")
        #expect(complete.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: MetrcFixture.transfer, packages: []))
        #expect(matched.transitions == [.ship, .complete], "accept and fulfill were already sent")
        #expect(matched.count == 3)
        #expect(h.state.metrcMatches == [ID.salesOrder: MetrcFixture.transfer] && h.state.metrcUndoneMatches.isEmpty)
        #expect(h.sync.salesOrderStatus == .completed)
        #expect(h.state.explain("distru-order:\(ID.salesOrder)").last?.contains("by its template") == true)
        #expect(h.state.metrcSalesOrders().first?.manifestNumber == "0004410022")
        // The same transfer observed again unchanged, or changed without a void or rejection, does nothing.
        #expect(h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer().setting("LastModified", .s("2026-11-24T10:00:00+00:00"))).isEmpty)
        #expect(h.state.metrcMatches == [ID.salesOrder: MetrcFixture.transfer])
        // A voided transfer matches nothing.
        var voided = Harness.synced()
        voided.observeSalesOrder(Harness.salesOrder())
        #expect(voided.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(voided: true)).isEmpty)
        #expect(voided.state.metrcMatches.isEmpty)
    }

    @Test("R-MTC-02 matching levels in order: invoice number, then package labels, then the recipient licence within the date window")
    func matchingLevels() {
        // Level 2: no template of ours; the delivery's invoice number is the SO number.
        var byInvoice = Harness.synced()
        byInvoice.observeSalesOrder(Harness.salesOrder())
        #expect(byInvoice.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(template: "777")).contains(where: MetrcFixture.isCompletion))
        #expect(byInvoice.state.explain("distru-order:\(ID.salesOrder)").last?.contains("by the invoice number") == true)

        // Level 3: no invoice number; a package assigned to an SO line is on the transfer.
        var byPackage = Harness.synced()
        byPackage.observeSalesOrder(MetrcFixture.salesOrder(packages: [nil, MetrcFixture.blueDream, nil]))
        #expect(
            byPackage.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(template: nil, invoice: "INV-77")).contains(
                where: MetrcFixture.isCompletion))
        #expect(byPackage.state.explain("distru-order:\(ID.salesOrder)").last?.contains("by package labels") == true)

        // Level 4: only the recipient licence, registered within 3 days of the SO's delivery date.
        var byLicence = Harness.synced()
        byLicence.observeSalesOrder(Harness.salesOrder { $0.setting("delivery_datetime", .s("2026-11-26T17:00:00Z")) })
        #expect(
            byLicence.observe(
                .metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(template: nil, invoice: nil, created: "2026-11-24T09:12:00+00:00")
            ).contains(where: MetrcFixture.isCompletion))
        #expect(byLicence.state.metrcMatches == [ID.salesOrder: MetrcFixture.transfer])
        #expect(byLicence.state.explain("distru-order:\(ID.salesOrder)").last?.contains("recipient licence within the date window") == true)

        // Outside the window (a week after delivery), or to another licence: no match, no error.
        for json in [
            MetrcFixture.transfer(template: nil, invoice: nil, created: "2026-12-03T09:12:00+00:00"),
            MetrcFixture.transfer(template: nil, invoice: nil, recipient: "402R-09999", created: "2026-11-25T09:12:00+00:00"),
        ] {
            var outside = Harness.synced()
            outside.observeSalesOrder(Harness.salesOrder { $0.setting("delivery_datetime", .s("2026-11-26T17:00:00Z")) })
            #expect(outside.observe(.metrcTransfer, MetrcFixture.transfer, json: json).isEmpty)
            #expect(outside.state.metrcMatches.isEmpty && outside.state.openErrors.isEmpty)
        }
        // Without a delivery date, the window is the 14 days from the order date (2026-11-20).
        #expect(MetrcMatchWindow.contains(ISO8601.parse("2026-12-03T00:00:00Z")!, so: Self.so(ordered: "2026-11-20T15:15:03Z")))
        #expect(!MetrcMatchWindow.contains(ISO8601.parse("2026-12-05T00:00:00Z")!, so: Self.so(ordered: "2026-11-20T15:15:03Z")))
        #expect(!MetrcMatchWindow.contains(ISO8601.parse("2026-11-19T00:00:00Z")!, so: Self.so(ordered: "2026-11-20T15:15:03Z")))
    }

    static func so(ordered: String) -> DistruOrder {
        try! DistruOrder(json: Harness.salesOrder { $0.setting("order_datetime", .s(ordered)) })
    }

    @Test("R-MTC-02 an ambiguous transfer is not matched: noted per level, and a sync error when no level matches one SO")
    func ambiguous() throws {
        var h = Harness.synced()
        h.observeSalesOrder(MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, nil, nil]))
        // A second LL order of the same customer, whose SO (SO-001043) also carries package …123.
        let second = "9a8b7c6d-0000-4000-8000-000000000002"
        h.observeOrder(Harness.order { $0.setting("number", .s(second)).setting("short_id", .s("9a8b7c6d")) })
        h.observeSalesOrder(
            MetrcFixture.salesOrder(packages: [MetrcFixture.chocolateBar, nil, nil]) {
                $0.setting("id", .s("so-2")).setting("order_number", .s("SO-001043")).setting("leaflink_id", .s(second))
            })
        #expect(h.state.orderOfSalesOrder["so-2"] == second)
        let commands = h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(template: nil, invoice: "INV-77"))
        #expect(!commands.contains(where: MetrcFixture.isCompletion))
        #expect(commands.emails.count == 1)
        #expect(h.state.metrcMatches.isEmpty)
        let subject = "metrc-transfer:\(MetrcFixture.transfer)"
        let error = try #require(h.state.openErrors.first { $0.subject == subject })
        #expect(error.rule == "R-MTC-02")
        #expect(
            error.message
                == "R-MTC-02: Metrc transfer 0004410022 matches more than one SO (by package labels: SO-001042, SO-001043; by the recipient licence within the date window: SO-001042, SO-001043) and no level matches one SO; it is not matched"
        )
        #expect(error.fix.contains("leafsync metrc match SO-NUMBER \(MetrcFixture.transfer)"))
        // The operator's match settles it: the error resolves.
        h.op(
            .matchMetrcTransfer(
                salesOrderID: "so-2", transferID: MetrcFixture.transfer,
                packages: ["it-4846101", "it-4846102", "it-4846103"].map { PackageAssignment(lineID: $0, packageLabels: [MetrcFixture.chocolateBar]) }))
        #expect(h.state.metrcMatches == ["so-2": MetrcFixture.transfer])
        #expect(!h.state.openErrors.contains { $0.subject == subject })
    }

    @Test("R-MTC-02 a matched transfer voided later in Metrc is a sync error")
    func voidedAfterMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let matched = h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer())
        #expect(matched.keys.contains("distru-so-complete:\(ID.salesOrder):\(MetrcFixture.transfer)"))
        // The Distru completion and the LL accept are sent; fulfill, ship and complete are not yet.
        h.succeedAll(matched.filter { MetrcFixture.isCompletion($0) || $0.key.hasSuffix(":accept") })
        let commands = h.observe(
            .metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(voided: true).setting("LastModified", .s("2026-11-24T15:00:00+00:00")))
        #expect(commands.count == 1 && commands.emails.count == 1, "only the error's e-mail: no completion push")
        #expect(h.state.metrcMatches.isEmpty && h.state.metrcUndoneMatches == [MetrcFixture.transfer: ID.salesOrder])
        let number = ID.order
        #expect(
            h.state.commands.cancelled
                == ["ll-transition:\(number):fulfill", "ll-transition:\(number):ship", "ll-transition:\(number):complete"],
            "withdrawn: beyond the SO's observed status (PENDING)")
        #expect(h.sync.salesOrderStatus == .pending)
        let error = h.state.openErrors.first { $0.rule == "R-MTC-02" }
        #expect(error?.subject == "distru-order:\(ID.salesOrder)")
        #expect(error?.message.contains("0004410022") == true && error?.message.contains("voided") == true)
        #expect(error?.fix.contains("move them back by hand") == true)
        // Observed again: still no match, nothing emitted.
        #expect(h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer(voided: true)).isEmpty)
    }

    @Test("R-MTC-02 packages rejected after the match undo it: a sync error, and the transfer is not matched again")
    func rejectedAfterMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        h.succeedAll(h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.transfer()))
        #expect(h.state.commands.pending.keys.allSatisfy { $0.hasPrefix("ll-external-ids:") }, "the match's pushes all sent")
        let rejected = MetrcFixture.transfer(packages: [(MetrcFixture.chocolateBar, "Accepted"), (MetrcFixture.blueDream, "Rejected")])
        let commands = h.observe(.metrcTransfer, MetrcFixture.transfer, json: rejected)
        #expect(commands.count == 1 && commands.emails.count == 1)
        #expect(h.state.metrcMatches.isEmpty && h.state.metrcUndoneMatches == [MetrcFixture.transfer: ID.salesOrder])
        #expect(h.state.commands.cancelled.isEmpty, "everything was already pushed: nothing to withdraw")
        let error = h.state.openErrors.first { $0.rule == "R-MTC-02" && $0.subject == "distru-order:\(ID.salesOrder)" }
        #expect(error?.message.contains("rejected or returned packages (\(MetrcFixture.blueDream))") == true)
        // A later change of the transfer matches it to nothing: after an undo only a manual match links it again.
        #expect(h.observe(.metrcTransfer, MetrcFixture.transfer, json: rejected.setting("LastModified", .s("2026-11-25T00:00:00+00:00"))).isEmpty)
        #expect(h.state.metrcMatches.isEmpty)
    }

    @Test("R-MTC-02 R-MTC-03 a transfer seen with a rejected package is not matched automatically; matched by hand, only a new rejection undoes it")
    func rejectedBeforeMatch() throws {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let partly = MetrcFixture.transfer(packages: [
            (MetrcFixture.chocolateBar, "Accepted"), (MetrcFixture.blueDream, "Rejected"), (MetrcFixture.extraBar, "Accepted"),
        ])
        let commands = h.observe(.metrcTransfer, MetrcFixture.transfer, json: partly)
        #expect(!commands.contains(where: MetrcFixture.isCompletion) && commands.emails.count == 1)
        let error = try #require(h.state.openErrors.first { $0.subject == "metrc-transfer:\(MetrcFixture.transfer)" })
        #expect(
            error.message
                == "R-MTC-02: Metrc transfer 0004410022 fits SO SO-001042 by the invoice number, but has rejected or returned packages (\(MetrcFixture.blueDream)); it is not matched"
        )
        // The operator matches it with the delivered packages: the error resolves.
        let assignments = ["it-4846101", "it-4846102", "it-4846103"].map {
            PackageAssignment(lineID: $0, packageLabels: [$0 == "it-4846102" ? MetrcFixture.extraBar : MetrcFixture.chocolateBar])
        }
        #expect(
            h.op(.matchMetrcTransfer(salesOrderID: ID.salesOrder, transferID: MetrcFixture.transfer, packages: assignments)).contains(
                where: MetrcFixture.isCompletion))
        #expect(h.state.metrcMatches == [ID.salesOrder: MetrcFixture.transfer] && h.state.openErrors.isEmpty)
        // A later change that rejects nothing new keeps the match; a new rejection undoes it.
        #expect(h.observe(.metrcTransfer, MetrcFixture.transfer, json: partly.setting("LastModified", .s("2026-11-24T16:00:00+00:00"))).isEmpty)
        #expect(h.state.metrcMatches == [ID.salesOrder: MetrcFixture.transfer])
        let more = MetrcFixture.transfer(packages: [
            (MetrcFixture.chocolateBar, "Returned"), (MetrcFixture.blueDream, "Rejected"), (MetrcFixture.extraBar, "Accepted"),
        ])
        #expect(h.observe(.metrcTransfer, MetrcFixture.transfer, json: more).emails.count == 1)
        #expect(h.state.metrcMatches.isEmpty)
        #expect(
            h.state.openErrors.first { $0.subject == "distru-order:\(ID.salesOrder)" }?.message.contains(
                "rejected or returned packages (\(MetrcFixture.chocolateBar))") == true)
    }

    // MARK: R-MTC-03

    @Test("R-MTC-03 manual match with several packages on one line completes the SO")
    func manualMatch() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let packages = [(MetrcFixture.chocolateBar, "Shipped"), (MetrcFixture.blueDream, "Shipped"), (MetrcFixture.extraBar, "Shipped")]
        #expect(h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.unrelatedTransfer(packages: packages)).isEmpty)
        let assignments = [
            PackageAssignment(lineID: "it-4846101", packageLabels: [MetrcFixture.chocolateBar, MetrcFixture.extraBar]),
            PackageAssignment(lineID: "it-4846102", packageLabels: [MetrcFixture.blueDream]),
            PackageAssignment(lineID: "it-4846103", packageLabels: [MetrcFixture.chocolateBar]),
        ]
        let commands = h.op(.matchMetrcTransfer(salesOrderID: ID.salesOrder, transferID: MetrcFixture.transfer, packages: assignments))
        #expect(commands.first?.action == .completeSalesOrder(salesOrderID: ID.salesOrder, metrcTransferID: MetrcFixture.transfer, packages: assignments))
        #expect(commands.first?.rule == "R-MTC-03")
        #expect(commands.transitions == [.accept, .fulfill, .ship, .complete])
        #expect(commands.count == 5)
        #expect(h.state.metrcMatches == [ID.salesOrder: MetrcFixture.transfer] && h.state.refusals.isEmpty)
    }

    @Test("R-MTC-03 a manual match is refused with the reason: transfer not observed, voided, a line without a package, a package not on the transfer")
    func manualMatchRefused() {
        var h = Harness.synced()
        h.observeSalesOrder(Harness.salesOrder())
        let before = h.state.commands
        let all = [
            PackageAssignment(lineID: "it-4846101", packageLabels: [MetrcFixture.chocolateBar]),
            PackageAssignment(lineID: "it-4846102", packageLabels: [MetrcFixture.blueDream]),
            PackageAssignment(lineID: "it-4846103", packageLabels: [MetrcFixture.chocolateBar]),
        ]
        let subject = "distru-order:\(ID.salesOrder)"
        func refusal(_ packages: [PackageAssignment]) -> String? {
            #expect(h.op(.matchMetrcTransfer(salesOrderID: ID.salesOrder, transferID: MetrcFixture.transfer, packages: packages)).isEmpty)
            #expect(h.state.metrcMatches.isEmpty)
            return h.state.refusals[subject]?.text
        }
        #expect(
            refusal(all)
                == "R-MTC-03: Metrc transfer 4410022 has not been observed; check the id (the transfer's Id, not its manifest number) or wait for the next Metrc poll"
        )
        h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.unrelatedTransfer(packages: [(MetrcFixture.chocolateBar, "Shipped"), (MetrcFixture.blueDream, "Rejected")]).setting("IsVoided", .bool(true)))
        #expect(refusal(all) == "R-MTC-03: Metrc transfer 0004410022 is voided; choose a transfer that is not")
        h.observe(.metrcTransfer, MetrcFixture.transfer, json: MetrcFixture.unrelatedTransfer(packages: [(MetrcFixture.chocolateBar, "Shipped"), (MetrcFixture.blueDream, "Rejected")]))
        #expect(
            refusal(Array(all.prefix(2)) + [PackageAssignment(lineID: "it-4846103", packageLabels: [])])
                == "R-MTC-03: line(s) it-4846103 (Swiss Masters Chocolate Bar (Dark) 100mg) of SO SO-001042 get no package; give every line one or more packages of the transfer"
        )
        #expect(refusal(all)?.contains("package(s) \(MetrcFixture.blueDream) are not on Metrc transfer 0004410022 (or were rejected)") == true)
        #expect(refusal(all + [PackageAssignment(lineID: "it-9", packageLabels: [MetrcFixture.chocolateBar])])?.contains("has no line(s) it-9") == true)
        #expect(h.state.commands == before, "no command for a refused match")
    }
}

extension SyncError {
    /// Whether this is the error of command `key` (its id ends in `|key`).
    fileprivate func detail(_ key: String) -> Bool { id.hasSuffix("|\(key)") }
}
