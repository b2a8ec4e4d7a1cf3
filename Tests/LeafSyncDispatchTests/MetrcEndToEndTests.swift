import DistruAPI
import Foundation
import GRDB
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import LeafSyncTestSupport
import MetrcAPI
import MetrcSimulator
import NIOHTTP1
import Testing

/// Metrc end to end over loopback: the engine against the three simulators, the Metrc one
/// playing the person who turns a template into a transfer, voids it or rejects packages.
@Suite("Metrc end to end: templates, matching and completion over loopback HTTP")
struct MetrcEndToEndTests {
    @Test("R-MTC-01, R-MTC-02: a template named after the SO is created in Metrc with its invoice number and priced packages; the transfer made from it is polled, matched, and completes the SO in Distru and the LL order; voided, the match is undone with a sync error")
    func templateToCompletion() async throws {
        try await withPackedOrder { engine, metrc, soID, number, prices in
            try await engine.record(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: soID)))
            try await engine.cycle()
            let templates = try await control(metrc, .GET, "/_sim/templates").arrayValue ?? []
            let refusals = await engine.state.refusals
            let template = try #require(templates.first { $0["Name"]?.stringValue == number }, "\(templates) \(refusals)")
            let destination = try #require(template["Destinations"]?.arrayValue?.first)
            #expect(destination["InvoiceNumber"]?.stringValue == number)
            #expect(destination["RecipientLicenseNumber"]?.stringValue == MetrcDemo.goodVibrations)
            #expect(destination["TransferTypeName"]?.stringValue == "Wholesale Manifest")
            let packages = (destination["Packages"]?.arrayValue ?? []).map {
                ($0["PackageLabel"]?.stringValue ?? "", $0["WholesalePrice"].flatMap(decimal))
            }
            #expect(Dictionary(uniqueKeysWithValues: packages) == prices)
            let templateID = try #require(template["Id"]?.idString)
            #expect(await engine.state.metrcTemplates[soID] == templateID)
            let row = try await engine.metrcRow(soID)
            #expect(row?["so_number"] as String? == number && row?["template_id"] as String? == templateID)

            // A second request is refused (the template exists) and creates nothing.
            try await engine.record(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: soID)))
            try await engine.cycle()
            #expect((try await control(metrc, .GET, "/_sim/templates").arrayValue ?? []).count == templates.count)

            // The person registers the transfer in Metrc; the next poll matches it by its template.
            let transfer = try await control(metrc, .POST, "/_sim/templates/\(templateID)/transfer", [:])
            let transferID = try #require(transfer["Id"]?.idString)
            try await engine.cycle()
            try await engine.cycle()
            #expect(await engine.state.metrcMatches[soID] == transferID)
            let so = try await engine.distru.order(id: soID)
            #expect(so.value.status == .completed)
            #expect(try so.raw.json()["metrc_transfer_id"]?.idString == transferID)
            #expect(try await engine.leafLink.order(number: Demo.order).value.status == .complete)
            #expect(await engine.succeededTransitions(of: Demo.order) == ["accept", "fulfill", "ship", "complete"])
            #expect(try await engine.metrcRow(soID)?["transfer_id"] as String? == transferID)

            // R-MTC-02 undo: the transfer voided in Metrc after the match → the match goes, a sync error says what to put right.
            try await control(metrc, .POST, "/_sim/transfers/\(transferID)/void", [:])
            try await engine.cycle()
            let state = await engine.state
            #expect(state.metrcMatches[soID] == nil)
            let error = try #require(state.openErrors.first { $0.subject == "distru-order:\(soID)" && $0.rule == "R-MTC-02" })
            #expect(error.message.contains("voided"), "\(error.message)")
        }
    }

    @Test("R-MTC-01: Metrc's 400 for a package the facility does not hold is not retried; its message is recorded on the SO")
    func templateRefusedByMetrc() async throws {
        try await withPackedOrder(labels: ["1A4FF0100000022000009998", "1A4FF0100000022000009999"]) { engine, metrc, soID, _, _ in
            try await engine.record(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: soID)))
            try await engine.cycle()
            let state = await engine.state
            let key = "metrc-template:\(soID)"
            #expect(state.commands.abandoned.contains(key))
            #expect(state.commands.attempts[key] == 1)
            #expect(state.metrcTemplateErrors[soID]?.contains("1A4FF0100000022000009998") == true, "\(state.metrcTemplateErrors)")
            #expect((try await control(metrc, .GET, "/_sim/templates").arrayValue ?? []).count == 0)
            #expect(try await engine.metrcRow(soID)?["template_error"] as String? != nil)
        }
    }

    @Test("R-ENG-03, R-MTC-01: a template an earlier attempt created (its answer lost in a crash) is adopted, not created a second time")
    func templateAdopted() async throws {
        try await withPackedOrder { engine, metrc, soID, number, _ in
            // What the lost attempt left in Metrc: a template named after the SO.
            let earlier = try await client(for: metrc).createOutgoingTemplate(
                MetrcTemplateWrite(
                    name: number,
                    destinations: [
                        .init(
                            recipientLicenseNumber: MetrcDemo.goodVibrations, transferTypeName: "Wholesale Manifest", invoiceNumber: number,
                            packages: [.init(packageLabel: MetrcDemo.darkChocolate)])
                    ]), licenseNumber: MetrcDemo.mainWarehouse)
            try await engine.record(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: soID)))
            try await engine.cycle()
            #expect(await engine.state.metrcTemplates[soID] == String(earlier))
            let named = (try await control(metrc, .GET, "/_sim/templates").arrayValue ?? []).filter { $0["Name"]?.stringValue == number }
            #expect(named.count == 1)
        }
    }

    @Test("R-MTC-03: a manual match gives one line two packages of a transfer no level matched, and completes the SO in Distru and LeafLink")
    func manualMatch() async throws {
        try await withMetrc { metrc in
            try await withEngine(metrc: metrc) { engine, ll, distru in
                let (soID, _) = try await syncedOrder(engine)
                // The lines are packed in Distru (their batches); nothing ties them to a Metrc package.
                try await control(distru, .POST, "/_sim/orders/\(soID)/fulfill", [:])
                // A transfer registered in Metrc without a template or invoice, to a licence no customer has.
                let transfer = try await control(
                    metrc, .POST, "/_sim/transfers",
                    [
                        "ShipperFacilityLicenseNumber": .string(MetrcDemo.mainWarehouse),
                        "Deliveries": [
                            [
                                "RecipientFacilityLicenseNumber": "402R-09999",
                                "Packages": .array((MetrcDemo.preRolls + [MetrcDemo.darkChocolate]).map { ["PackageLabel": .string($0)] }),
                            ]
                        ],
                    ])
                let transferID = try #require(transfer["Id"]?.idString)
                try await engine.cycle()
                #expect(await engine.state.metrcTransfers[transferID] != nil)
                #expect(await engine.state.metrcMatches[soID] == nil)

                let lines = try #require(await engine.state.salesOrders[soID]?.items.compactMap(\.id))
                #expect(lines.count == 2)
                // Refused first: a line without a package (the reducer says which).
                try await engine.record(
                    .matchMetrcTransfer(
                        salesOrderID: soID, transferID: transferID, packages: [PackageAssignment(lineID: lines[0], packageLabels: MetrcDemo.preRolls)]))
                try await engine.cycle()
                #expect(await engine.state.metrcMatches[soID] == nil)
                #expect(await engine.state.refusals["distru-order:\(soID)"]?.text.contains("get no package") == true)

                try await engine.record(
                    .matchMetrcTransfer(
                        salesOrderID: soID, transferID: transferID,
                        packages: [
                            PackageAssignment(lineID: lines[0], packageLabels: MetrcDemo.preRolls),
                            PackageAssignment(lineID: lines[1], packageLabels: [MetrcDemo.darkChocolate]),
                        ]))
                try await engine.cycle()
                try await engine.cycle()
                #expect(await engine.state.metrcMatches[soID] == transferID)
                let so = try await engine.distru.order(id: soID)
                let errors = await engine.state.commands.lastError
                #expect(so.value.status == .completed, "\(errors)")
                #expect(try so.raw.json()["metrc_transfer_id"]?.idString == transferID)
                #expect(try await engine.leafLink.order(number: Demo.order).value.status == .complete)
            }
        }
    }

    @Test("R-MTC-02: without Metrc configured the scheduler emits no Metrc poll; with it, every order poll interval")
    func pollsOnlyWhenConfigured() async throws {
        try await withEngine { engine, _, _ in
            try await engine.cycle()
            let state = await engine.state
            #expect(!state.settings.metrcConfigured)
            #expect(state.lastPoll["metrc-transfers"] == nil)
        }
        try await withMetrc { metrc in
            try await withEngine(metrc: metrc) { engine, _, _ in
                try await engine.cycle()
                try await engine.cycle()
                let state = await engine.state
                #expect(state.settings.metrcConfigured)
                #expect(state.commands.done.filter { $0.hasPrefix("poll:metrc-transfers@") }.count == 2)
                // The demo seed's transfer of SO-001040 (already COMPLETED in Distru) was observed.
                #expect(state.metrcTransfers[MetrcDemo.seededTransfer] != nil)
            }
        }
    }
}

/// The demo LL order synced to a Distru SO (rep mapped, products linked): its SO id and number.
private func syncedOrder(_ engine: Engine) async throws -> (id: String, number: String) {
    try await engine.record(contentsOf: Demo.setup)
    try await engine.cycle()
    try await engine.cycle()
    let id = DeterministicID.salesOrder(forLeafLinkOrder: Demo.order)
    let number = try #require(try await engine.distru.order(id: id).value.orderNumber)
    return (id, number)
}

/// The engine and the three simulators, with the demo LL order synced to its SO, whose lines
/// (the two chocolate bars, tracked by Metrc package in Distru) a Distru user packed in the
/// packages `labels` (the Main Warehouse's of each product unless given), and LeafSync has seen
/// it. `body` gets the SO's id and number and the price per label the template should carry.
private func withPackedOrder(
    labels: [String] = [MetrcDemo.darkChocolate, "1A4FF0100000022000001302"],
    _ body: (Engine, RunningMetrcSimulator, _ soID: String, _ number: String, _ prices: [String: Decimal?]) async throws -> Void
) async throws {
    try await withMetrc { metrc in
        try await withEngine(metrc: metrc) { engine, _, distru in
            try await usePackages(engine)
            let (soID, number) = try await syncedOrder(engine)
            let prices = try await assignPackages(distru, soID, labels: labels)
            try await engine.cycle()
            try await body(engine, metrc, soID, number, prices)
        }
    }
}

/// The seller tracks the two chocolate bars of the demo order by Metrc package in Distru.
private func usePackages(_ engine: Engine) async throws {
    for product in [DistruDemo.chocolate, Demo.milkBar] {
        var write = DistruProductWrite(id: product)
        write.inventoryTrackingMethod = "PACKAGE"
        _ = try await engine.distru.upsertProduct(write)
    }
}

/// Gives each line of the demo SO a Metrc package the way a Distru user fulfils it (`labels`: the
/// dark bar's, the milk bar's); returns the prices the template should carry per label (unit
/// price × quantity).
private func assignPackages(_ distru: some SimulatorControl, _ soID: String, labels: [String]) async throws -> [String: Decimal?] {
    let so = try await control(distru, .POST, "/_sim/orders/\(soID)", [:])
    var prices: [String: Decimal?] = [:]
    for (i, item) in (so["items"]?.arrayValue ?? []).enumerated() {
        let label = item["product"]?["id"]?.stringValue == DistruDemo.chocolate ? labels[0] : labels[1]
        try await control(
            distru, .POST, "/_sim/orders/\(soID)/fulfill",
            ["item_id": item["id"] ?? .null, "package": ["id": .string("pkg-\(i)"), "label": .string(label)]])
        let price = item["price"].flatMap(decimal), quantity = item["quantity"].flatMap(decimal)
        prices[label] = price.flatMap { p in quantity.map { p * $0 } }
    }
    return prices
}

/// A decimal sent as a JSON string (Distru) or number (Metrc).
private func decimal(_ value: JSONValue) -> Decimal? {
    switch value {
    case .string(let text), .number(let text): Decimal(string: text)
    default: nil
    }
}

extension Engine {
    /// The SO's row of `metrc_sales_orders`, after projecting the log so far.
    func metrcRow(_ soID: String) async throws -> Row? {
        let tenant = TenantDirectory(directory.path)
        try await Projector(tenant: tenant).run()
        return try ProjectionDatabase.openReadOnly(tenant).read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM metrc_sales_orders WHERE so_id = ?", arguments: [soID])
        }
    }
}
