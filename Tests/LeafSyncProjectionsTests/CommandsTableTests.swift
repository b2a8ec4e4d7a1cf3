import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import LeafSyncTestSupport
import Testing

/// The commands projection: what will be sent, in which order, and why each command waits.
@Suite("Commands projection (R-ENG-03, R-ERR-03)", .serialized)
struct CommandsTableTests {
    /// The scenario log, then the SO observed COMPLETED (four transitions on one LL order) and the
    /// external ids refused by LeafLink (abandoned).
    static func tenant(_ directory: TemporaryDirectory) async throws -> TenantDirectory {
        let tenant = TenantDirectory(directory.path)
        var events = try ScenarioLog.events()
        let last = events.last!.recordedAt!
        func at(_ minutes: Int64) -> Timestamp { Timestamp(microseconds: last.microseconds + minutes * 60_000_000) }
        var completed = ScenarioLog.json("distru/sales-order-synced.json")
        completed["status"] = .string("COMPLETED")
        events.append(
            EventFactory.observed(.distruOrder, id: completed["id"]!.string!, bytes: completed.canonicalBytes, at: at(1)))
        let externalIDs = Command(
            key: "ll-external-ids:\(ScenarioLog.orderNumber):SO-001042", subject: "ll-order:\(ScenarioLog.orderNumber)",
            rule: "R-ORD-13", action: .poll(system: "leaflink", kind: "orders"))
        events.append(EventFactory.commandFailed(externalIDs, error: "400 Bad Request", retryable: false, status: 400, kind: "http", at: at(2)))
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        try await writer.append(events)
        await writer.close()
        return tenant
    }

    @Test("R-ENG-03 R-ERR-03 each command's content, target, dependency, sequence, status and last error; rebuilds byte-identical")
    func commandsTable() async throws {
        let directory = TemporaryDirectory("commands")
        let tenant = try await Self.tenant(directory)
        try await Projector(tenant: tenant).run()
        let rows = try ProjectionDatabase.openReadOnly(tenant).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT idempotency_key, sequence, target, depends_on, status, waiting_for, last_error, content
                    FROM commands WHERE target = ? ORDER BY sequence
                    """, arguments: ["leaflink-order:\(ScenarioLog.orderNumber)"])
        }
        let keys = rows.map { $0["idempotency_key"] as String }
        #expect(keys.map { $0.components(separatedBy: ":").last! } == ["SO-001042", "accept", "fulfill", "ship", "complete"])
        #expect(rows.map { $0["status"] as String } == ["failed", "waiting", "waiting", "waiting", "waiting"])
        #expect(rows.dropFirst().map { $0["depends_on"] as String? } == keys.dropLast().map(Optional.some))
        #expect(rows[0]["last_error"] as String? == "400 Bad Request")
        #expect((rows[1]["waiting_for"] as String?)?.contains("it failed: retry it") == true)
        let content = try JSONParser.parse(rows[0]["content"] as String)
        #expect(content == ["externalIDs": ["distru_sales_order": "SO-001042"], "kind": "setLeafLinkExternalIDs", "orderNumber": .string(ScenarioLog.orderNumber)])

        try await ScenarioLog.expectRebuildIdentical(tenant)

        let audit = try runCommand(Products.executable("leafsync"), ["audit", "commands", "--status", "waiting", "--dir", directory.path])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("ll-transition:\(ScenarioLog.orderNumber):accept") && audit.stdout.contains("to succeed"))
    }
}
