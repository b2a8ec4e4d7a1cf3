import Foundation
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import LeafSyncTestSupport
import Testing

/// A fixed tenant log built from the realistic records in `data/scenarios`: an order blocked for
/// an unmapped rep, unblocked when the operator maps the rep, its SO created (and acknowledged)
/// and then observed in Distru, with times fixed so outputs are reproducible.
enum ScenarioLog {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let orderNumber = "5e3c1f7a-2b4d-4c8e-9a1f-0d2e3f4a5b6c"
    static let shortID = "3f4a5b6c"
    static let jane = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
    static let john = "5150"

    static func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: repoRoot.appendingPathComponent("data/scenarios/\(name)").path)!)
    }

    static func json(_ name: String) -> JSONValue { try! JSONParser.parse(bytes(name)) }

    /// The events in order; `time(n)` is 2026-11-24T15:00:00Z plus n minutes.
    static func events() throws -> [NewEvent] {
        var minute: Int64 = 0
        func at() -> Timestamp {
            minute += 1
            return Timestamp(microseconds: 1_795_532_400_000_000 + minute * 60_000_000)
        }
        var events: [NewEvent] = []
        events.append(try EventFactory.operatorAction(.changeSettings(SettingsChange(errorRecipients: ["ops@brand.example"])), at: at()))
        for (kind, id, file) in [
            (EventFactory.Observed.distruUser, jane, "distru/user-jane.json"), (.distruUser, john, "distru/user-john.json"),
            (.leafLinkStaff, "417", "leaflink/staff-417.json"), (.leafLinkStaff, "13", "leaflink/staff-13.json"),
            (.distruLocation, "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "distru/location-main.json"),
            (.distruTax, "c3d4e5f6-a7b8-4c9d-0e1f-2a3b4c5d6e7f", "distru/tax-co-15.json"),
            (.distruCompany, "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f", "distru/company-good-vibrations.json"),
            (.leafLinkCustomer, "148515", "leaflink/customer-148515.json"),
            (.distruProduct, "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04", "distru/product-chocolate.json"),
            (.distruProduct, "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f50", "distru/product-blue-dream.json"),
            (.distruProduct, "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a61", "distru/product-promo.json"),
        ] {
            events.append(EventFactory.observed(kind, id: id, bytes: bytes(file), at: at()))
        }
        for id in 2093...2096 {
            events.append(EventFactory.observed(.leafLinkProduct, id: "\(id)", bytes: bytes("leaflink/product-\(id).json"), at: at()))
        }
        for file in ["distru/inventory-chocolate-main.json", "distru/inventory-blue-dream-main.json"] {
            let row = json(file)
            events.append(
                EventFactory.inventoryRow(
                    productID: row["product_id"]!.string!, locationID: row["location_id"]!.string!, bytes: bytes(file), at: at()))
        }
        events.append(try EventFactory.operatorAction(.mapRep(distruUserID: john, leafLinkStaffID: 13), at: at()))
        events.append(
            try EventFactory.operatorAction(
                .linkProduct(distruProductID: "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04", leafLinkProductID: 2093), at: at()))
        events.append(
            try EventFactory.operatorAction(
                .linkProduct(distruProductID: "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f50", leafLinkProductID: 2094), at: at()))
        events.append(
            try EventFactory.operatorAction(
                .linkProduct(distruProductID: "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a61", leafLinkProductID: 2095), at: at()))
        // The order arrives while rep 417 (Jane) is unmapped: blocked (R-ORD-01) …
        events.append(EventFactory.observed(.leafLinkOrder, id: orderNumber, bytes: bytes("leaflink/order-submitted.json"), at: at()))
        // … the same record re-fetched changes nothing (R-ENG-01) …
        events.append(EventFactory.observed(.leafLinkOrder, id: orderNumber, bytes: bytes("leaflink/order-submitted.json"), at: at()))
        // … until the operator maps her, which unblocks it.
        events.append(try EventFactory.operatorAction(.mapRep(distruUserID: jane, leafLinkStaffID: 417), at: at()))
        // The dispatcher's outcome for the SO create, then the SO as Distru shows it.
        var state = SyncState()
        for (index, event) in events.enumerated() {
            _ = reduce(
                into: &state,
                recorded: RecordedEvent(
                    sequence: UInt64(index + 1), recordedAt: event.recordedAt!, type: event.type, schemaVersion: event.schemaVersion,
                    source: event.source, subject: event.subject, causationID: event.causationID, correlationID: event.correlationID,
                    payload: EventPayload(event.payload)))
        }
        if let create = state.commands.pending.values.sorted(by: { $0.key < $1.key }).first(where: { $0.key.hasPrefix("distru-so-create:") }
        ) {
            events.append(EventFactory.commandSucceeded(create, response: json("distru/sales-order-create-response.json"), at: at()))
        }
        events.append(
            EventFactory.observed(
                .distruOrder, id: "0f6a2b8c-1d3e-4f5a-9b7c-8d9e0f1a2b3c", bytes: bytes("distru/sales-order-synced.json"), at: at()))
        return events
    }

    /// Rebuilds `tenant`'s projections from its log and expects the very tables the live projector
    /// wrote (R-ENG-02).
    static func expectRebuildIdentical(_ tenant: TenantDirectory, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let live = try ProjectionDatabase.orderedDump(ProjectionDatabase.openReadOnly(tenant))
        try await Projector(tenant: tenant).run(rebuild: true)
        #expect(try ProjectionDatabase.orderedDump(ProjectionDatabase.openReadOnly(tenant)) == live, sourceLocation: sourceLocation)
    }

    /// Writes the scenario log into a fresh tenant directory.
    static func tenant(_ directory: TemporaryDirectory, chunks: Int = 1) async throws -> TenantDirectory {
        let tenant = TenantDirectory(directory.path)
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        try await writer.append(try events())
        await writer.close()
        return tenant
    }
}
