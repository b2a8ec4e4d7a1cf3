import Foundation
import LeafSyncProjections
import LeafSyncTestSupport
import Testing

/// `leafsync audit` and `leafsync replay` on the fixed scenario log, compared with golden files.
/// Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
@Suite("audit and replay commands", .serialized)
struct CommandTests {
    static let leafsync = Products.executable("leafsync")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func run(_ arguments: [String]) throws -> CommandResult {
        try runCommand(Self.leafsync, arguments)
    }

    func expectGolden(_ name: String, _ output: String, replacing directory: String) throws {
        let normalized = output.replacingOccurrences(of: directory, with: "$TENANT")
        let file = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try normalized.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(normalized == expected, "output of \(name) differs from its golden file (UPDATE_GOLDEN=1 rewrites it)")
    }

    @Test("R-ENG-04: replay --explain answers why an order was blocked and when it synced, from the log alone")
    func replayExplain() async throws {
        let directory = TemporaryDirectory("audit")
        _ = try await ScenarioLog.tenant(directory)
        let blocked = try run(["replay", "--dir", directory.path, "--until", "24", "--subject", ScenarioLog.shortID, "--explain"])
        #expect(blocked.status == 0, "\(blocked.stderr)")
        #expect(blocked.stdout.contains("R-ORD-01"))
        try expectGolden("replay-blocked.txt", blocked.stdout, replacing: directory.path)

        let full = try run(["replay", "--dir", directory.path, "--subject", ScenarioLog.shortID, "--explain"])
        #expect(full.status == 0)
        try expectGolden("replay-full.txt", full.stdout, replacing: directory.path)

        let byTime = try run(["replay", "--dir", directory.path, "--until", "2026-11-24T15:10:00Z"])
        #expect(byTime.stdout.hasPrefix("state at sequence 10 (2026-11-24T15:10:00.000000Z)"))
    }

    @Test("audit history, order, errors, commands, events and sql, as tables and as JSON")
    func auditGolden() async throws {
        let directory = TemporaryDirectory("audit")
        let tenant = try await ScenarioLog.tenant(directory)
        try await Projector(tenant: tenant).run()
        let cases: [(String, [String])] = [
            ("audit-order.txt", ["order", ScenarioLog.shortID]),
            ("audit-history.txt", ["history", "ll-product:2093"]),
            ("audit-errors.txt", ["errors"]),
            ("audit-commands.json", ["commands", "--status", "pending", "--json"]),
            ("audit-events.txt", ["events", "--type", "operator.rep.map-requested"]),
            ("audit-sql.txt", ["sql", "SELECT sync_state, count(*) AS orders FROM sales_orders GROUP BY 1"]),
        ]
        for (name, arguments) in cases {
            let result = try run(["audit"] + arguments + ["--dir", directory.path])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            try expectGolden(name, result.stdout, replacing: directory.path)
        }
    }

    @Test("audit refuses writes and unknown subjects with clear errors")
    func auditRefusals() async throws {
        let directory = TemporaryDirectory("audit")
        let tenant = try await ScenarioLog.tenant(directory)
        try await Projector(tenant: tenant).run()
        let write = try run(["audit", "sql", "DELETE FROM sales_orders", "--dir", directory.path])
        #expect(write.status != 0)
        #expect(write.stderr.contains("read-only"))
        let bad = try run(["audit", "sql", "SELEC nonsense", "--dir", directory.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("bad query"))
        let unknown = try run(["audit", "order", "deadbeef", "--dir", directory.path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no events for deadbeef"))
        let noProjection = try run(["audit", "errors", "--dir", directory.sub("nowhere")])
        #expect(noProjection.status != 0)
        #expect(noProjection.stderr.contains("leafsync project --dir"))
    }
}
