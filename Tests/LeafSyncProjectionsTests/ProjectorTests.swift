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
        let row = try #require(
            try await db.read {
                try Row.fetchOne($0, sql: "SELECT * FROM sales_orders WHERE leaflink_short_id = ?", arguments: [ScenarioLog.shortID])
            })
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
            let reached =
                await CheckpointPoller(tenant: TenantDirectory(crashed.path))
                .wait(while: { child.process.isRunning }, until: { $0 >= threshold }).map { $0 >= threshold } ?? false
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
        let poller = CheckpointPoller(tenant: tenant)
        #expect(await poller.wait(until: { $0 == Int(last) }) == Int(last))
        kill(child.process.processIdentifier, SIGTERM)
        #expect(child.waitForExit() == 0)
        #expect(child.drainLines().contains { $0 == "projections at sequence \(last) (stopped; checkpoint saved)" })
        #expect(await poller.checkpoint() == Int(last))
        await writer.close()
    }

    @Test("SIGTERM in the middle of a catch-up: `leafsync project --follow` finishes its batch, commits its checkpoint and exits 0")
    func sigtermMidCatchUp() async throws {
        let directory = TemporaryDirectory("projector-sigterm")
        let tenant = TenantDirectory(directory.path)
        let events = try RealisticWorkload().events(count: 6_000, seed: 7)
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        // A live database first (a first run would rebuild, committing only at the end), then a long catch-up.
        try await writer.append(Array(events.prefix(100)))
        try await Projector(tenant: tenant).run()
        try await writer.append(Array(events.dropFirst(100)))
        await writer.close()

        let child = try ChildProcess(Self.leafsync, ["project", "--dir", directory.path, "--follow", "--batch-size", "50"])
        let poller = CheckpointPoller(tenant: tenant)
        let started = await poller.wait(while: { child.process.isRunning }, until: { $0 > 100 })
        #expect(started != nil, "the projector should commit its first batch")
        kill(child.process.processIdentifier, SIGTERM)
        #expect(child.waitForExit() == 0)
        let line = try #require(child.drainLines().first { $0.hasPrefix("projections at sequence ") })
        #expect(line.hasSuffix(" (stopped; checkpoint saved)"))
        let printed = Int(line.dropFirst("projections at sequence ".count).prefix { $0.isNumber })
        let committed = await poller.checkpoint()
        #expect(committed != nil && printed == committed, "the sequence printed is the one committed")
        #expect(committed.map { $0 % 50 == 0 || $0 == events.count } == true, "it stops on a batch boundary")
    }

    @Test(
        "one projector per tenant: a second one is refused with the lock file named; cancelling the first stops it with its checkpoint and frees the lock"
    )
    func oneProjectorPerTenant() async throws {
        let directory = TemporaryDirectory("projector-lock")
        let tenant = try await ScenarioLog.tenant(directory)
        let following = Task { try await Projector(tenant: tenant).run(follow: true) }
        let total = try ScenarioLog.events().count
        #expect(await CheckpointPoller(tenant: tenant).wait(until: { $0 == total }) == total)

        await #expect(throws: ProjectionError.alreadyRunning(lockFile: tenant.path + "/projector.lock")) {
            try await Projector(tenant: tenant).run()
        }
        following.cancel()
        #expect(try await following.value == UInt64(total))
        #expect(try await Projector(tenant: tenant).run() == UInt64(total), "the lock is free again")
    }
}
