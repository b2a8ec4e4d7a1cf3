import BenchmarkWorkload
import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncLog
import LeafSyncProjections
import LeafSyncTestSupport
import Testing

@Suite("Projections", .serialized)
struct ProjectorTests {
    static let leafsync = Products.executable("leafsync")

    func dump(_ tenant: TenantDirectory) throws -> String {
        try ProjectionDatabase.orderedDump(ProjectionDatabase.openReadOnly(tenant))
    }

    @Test("R-ENG-02: rebuilding from the log gives byte-identical tables to the live, incremental projector")
    func rebuildEqualsLive() async throws {
        let directory = TemporaryDirectory("projector")
        let tenant = TenantDirectory(directory.path)
        let events = try ScenarioLog.events()
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        // Live: the projector catches up after every few appends, in tiny batches.
        for start in stride(from: 0, to: events.count, by: 4) {
            try await writer.append(Array(events[start..<min(start + 4, events.count)]))
            try await Projector(tenant: tenant, batchSize: 3).run()
        }
        await writer.close()
        let live = try dump(tenant)
        #expect(live.contains("## sales_orders"))
        #expect(live.contains(ScenarioLog.orderNumber))

        try await Projector(tenant: tenant, batchSize: 500).run(rebuild: true)
        let rebuilt = try dump(tenant)
        #expect(rebuilt == live)
        #expect(!FileManager.default.fileExists(atPath: directory.sub("projections.rebuild.sqlite")))
    }

    @Test("R-ORD-13: the sales-order projection finds the order by LL number, short id and SO number")
    func salesOrderProjection() async throws {
        let directory = TemporaryDirectory("projector")
        let tenant = try await ScenarioLog.tenant(directory)
        try await Projector(tenant: tenant).run()
        let db = try ProjectionDatabase.openReadOnly(tenant)
        let row = try #require(try await db.read { try Row.fetchOne($0, sql: "SELECT * FROM sales_orders WHERE leaflink_short_id = ?", arguments: [ScenarioLog.shortID]) })
        #expect(row["leaflink_order_number"] as String? == ScenarioLog.orderNumber)
        #expect(row["sync_state"] as String? == "synced")
        #expect((row["so_number"] as String?) != nil)
        let checkpoint = try await db.read { try Int.fetchOne($0, sql: "SELECT last_sequence FROM projector_checkpoint") }
        #expect(try checkpoint == ScenarioLog.events().count)
        let audit = try await db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_index") }
        #expect(try audit == ScenarioLog.events().count)
    }

    @Test("a rebuild ending exactly on a batch boundary commits the last sequence; the live projector then goes on from there")
    func rebuildEndingOnBatchBoundary() async throws {
        let directory = TemporaryDirectory("projector")
        let tenant = TenantDirectory(directory.path)
        let events = try ScenarioLog.events()
        let batch = 10
        let whole = events.count / batch * batch  // a multiple of the batch size
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        try await writer.append(Array(events[0..<whole]))
        #expect(try await Projector(tenant: tenant, batchSize: batch).run(rebuild: true) == UInt64(whole))
        let db = try ProjectionDatabase.openReadOnly(tenant)
        let checkpoint = try await db.read { try Int.fetchOne($0, sql: "SELECT last_sequence FROM projector_checkpoint") }
        let audited = try await db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_index") }
        try db.close()
        #expect(checkpoint == whole && audited == whole)

        // The rest arrives; the live projector applies it once, and matches a rebuild.
        try await writer.append(Array(events[whole...]))
        await writer.close()
        #expect(try await Projector(tenant: tenant, batchSize: batch).run() == UInt64(events.count))
        let live = try dump(tenant)
        try await Projector(tenant: tenant, batchSize: batch).run(rebuild: true)
        #expect(try dump(tenant) == live)
    }

    @Test("a schema version change rebuilds the database on start")
    func schemaChangeRebuilds() async throws {
        let directory = TemporaryDirectory("projector")
        let tenant = try await ScenarioLog.tenant(directory)
        try await Projector(tenant: tenant).run()
        let before = try dump(tenant)
        let queue = try DatabaseQueue(path: tenant.projectionPath)
        try await queue.write { db in
            try db.execute(sql: "PRAGMA user_version = 0")
            try db.execute(sql: "DELETE FROM sales_orders")
        }
        try queue.close()
        try await Projector(tenant: tenant).run()
        #expect(try dump(tenant) == before)
    }

    @Test("a projector process killed with SIGKILL mid-batch restarts and ends with the same tables as an uninterrupted run")
    func crashMidBatch() async throws {
        let events = try RealisticWorkload().events(count: 8_000, seed: 3) + ScenarioLog.events()
        let reference = TemporaryDirectory("projector-ref")
        let crashed = TemporaryDirectory("projector-crash")
        for directory in [reference, crashed] {
            let writer = try EventLogWriter(directory: TenantDirectory(directory.path).logPath, options: EventLogOptions(durability: .none))
            try await writer.append(events)
            await writer.close()
        }
        try await Projector(tenant: TenantDirectory(reference.path), batchSize: 200, tableSyncInterval: 1_000).run()
        let expected = try dump(TenantDirectory(reference.path))

        var random = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 0..<3 {
            let child = try ChildProcess(Self.leafsync, ["project", "--dir", crashed.path, "--batch-size", "200"])
            // Kill once the checkpoint passes a random point, so the kill lands inside a later batch.
            let threshold = Int.random(in: 400...6_000, using: &random)
            let database = crashed.sub("projections.sqlite")
            let deadline = Date().addingTimeInterval(120)
            var reached = false
            while Date() < deadline, child.process.isRunning {
                if FileManager.default.fileExists(atPath: database),
                   let queue = try? DatabaseQueue(path: database, configuration: { var c = Configuration(); c.readonly = true; c.busyMode = .timeout(5); return c }()),
                   let last = try? await queue.read({ try Int.fetchOne($0, sql: "SELECT last_sequence FROM projector_checkpoint") }), last >= threshold {
                    reached = true
                    break
                }
                await Task.yield()
            }
            child.kill()
            if reached { killedMidway += 1 }
            _ = round
        }
        #expect(killedMidway > 0, "at least one kill should land before the projector finished")
        let finish = try runCommand(Self.leafsync, ["project", "--dir", crashed.path])
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(try dump(TenantDirectory(crashed.path)) == expected)
    }

    @Test("a following projector process sees every event another process appends, and stops cleanly on SIGTERM")
    func followsAnotherWriter() async throws {
        let directory = TemporaryDirectory("projector-follow")
        let tenant = TenantDirectory(directory.path)
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .group))
        let events = try ScenarioLog.events()
        try await writer.append(Array(events.prefix(5)))
        let child = try ChildProcess(Self.leafsync, ["project", "--dir", directory.path, "--follow", "--batch-size", "2"])
        for start in stride(from: 5, to: events.count, by: 3) {
            try await writer.append(Array(events[start..<min(start + 3, events.count)]))
        }
        let last = writer.lastSequence
        let deadline = Date().addingTimeInterval(60)
        var seen = 0
        while Date() < deadline {
            if let queue = try? ProjectionDatabase.openReadOnly(tenant),
               let value = try? await queue.read({ try Int.fetchOne($0, sql: "SELECT last_sequence FROM projector_checkpoint") }) {
                seen = value ?? 0
                if seen == Int(last) { break }
            }
            await Task.yield()
        }
        #expect(seen == Int(last))
        kill(child.process.processIdentifier, SIGTERM)
        #expect(child.waitForExit() == 0)
        #expect(child.drainLines().contains { $0.contains("projections at sequence \(last)") })
        await writer.close()
    }
}
