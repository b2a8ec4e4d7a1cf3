import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncLog
import LeafSyncProjections
import LeafSyncTestSupport
import Testing

/// The operator_requests projection: every operator request with what the engine made of it.
@Suite("Operator requests projection", .serialized)
struct OperatorRequestsTableTests {
    static let chocolate = "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04"
    /// Not in the scenario log: a link to it waits.
    static let cartridge = "4a5b6c7d-8e9f-4a0b-1c2d-3e4f5a6b7c83"

    /// The scenario log, then a link of the chocolate (linked to 2093) to 2094, refused (R-PRD-02),
    /// and a link of a product not fetched yet, which waits.
    static func tenant(_ directory: TemporaryDirectory) async throws -> (TenantDirectory, refusedAt: UInt64) {
        let tenant = TenantDirectory(directory.path)
        var events = try ScenarioLog.events()
        let last = events.last!.recordedAt!
        func at(_ minutes: Int64) -> Timestamp { Timestamp(microseconds: last.microseconds + minutes * 60_000_000) }
        events.append(try EventFactory.operatorAction(.linkProduct(distruProductID: chocolate, leafLinkProductID: 2094), at: at(1)))
        let refusedAt = UInt64(events.count)
        events.append(try EventFactory.operatorAction(.linkProduct(distruProductID: cartridge, leafLinkProductID: 2096), at: at(2)))
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        try await writer.append(events)
        await writer.close()
        return (tenant, refusedAt)
    }

    @Test("R-PRD-02 a refused link is a row with its log sequence, time, type, rule and reason; rebuilds byte-identical")
    func refusedRequestRow() async throws {
        let directory = TemporaryDirectory("requests")
        let (tenant, refusedAt) = try await Self.tenant(directory)
        try await Projector(tenant: tenant).run()
        let rows = try ProjectionDatabase.openReadOnly(tenant).read { db in
            try Row.fetchAll(db, sql: "SELECT seq, recorded_at, type, subject, status, rule, reason, decided_at FROM operator_requests ORDER BY seq")
        }
        // The scenario's settings change, two rep mappings and three links, then the two requests above.
        #expect(rows.count == 8)
        #expect(rows.prefix(6).allSatisfy { $0["status"] as String == "accepted" })
        let refused = try #require(rows.first { $0["status"] as String == "refused" })
        #expect(refused["seq"] as Int64 == Int64(refusedAt))
        #expect(refused["type"] as String == EventType.productLinked)
        #expect(refused["subject"] as String == "distru-product:\(Self.chocolate)")
        #expect(refused["rule"] as String? == "R-PRD-02")
        #expect((refused["reason"] as String?)?.contains("already linked to LeafLink product 2093; unlink it first") == true)
        #expect(refused["decided_at"] as Int64? == refused["recorded_at"] as Int64)
        let waiting = try #require(rows.last)
        #expect(waiting["status"] as String == "waiting" && waiting["decided_at"] as Int64? == nil)

        try await ScenarioLog.expectRebuildIdentical(tenant)

        let audit = try runCommand(Products.executable("leafsync"), ["audit", "requests", "--status", "refused", "--dir", directory.path])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("R-PRD-02") && audit.stdout.contains("\(refusedAt)"))
        #expect(!audit.stdout.contains("waiting"))
        let bad = try runCommand(Products.executable("leafsync"), ["audit", "requests", "--status", "nope", "--dir", directory.path])
        #expect(bad.status != 0 && bad.stderr.contains("--status must be one of accepted, waiting, refused, replaced"))
    }

    @Test("a projection database of schema version 2 (before operator_requests) is rebuilt with the table on start")
    func migratesFromVersion2() async throws {
        let directory = TemporaryDirectory("requests")
        let (tenant, _) = try await Self.tenant(directory)
        try await Projector(tenant: tenant).run()
        let old = try DatabaseQueue(path: tenant.projectionPath)
        try await old.write { db in
            try db.execute(sql: "DROP TABLE operator_requests")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        try old.close()
        try await Projector(tenant: tenant).run()
        let (count, version) = try await ProjectionDatabase.openReadOnly(tenant).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM operator_requests WHERE status = 'refused'"),
                try Int.fetchOne(db, sql: "PRAGMA user_version")
            )
        }
        #expect(count == 1)
        #expect(version == ProjectionSchema.version)
    }
}
