import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncLog

/// How far a projector has come.
public struct ProjectorProgress: Sendable {
    /// The last sequence applied and committed.
    public var committed: UInt64
    /// The log's last sequence when this progress was measured.
    public var target: UInt64
    /// Events applied in this run.
    public var applied: UInt64
    public var seconds: Double
    /// True while rebuilding into a fresh database.
    public var rebuilding: Bool

    public var eventsPerSecond: Double { seconds > 0 ? Double(applied) / seconds : 0 }
}

/// Applies the log to the projection database: the audit index, and every read model derived
/// from the reducer's state.
///
/// Each batch (the audit rows of its events and the checkpoint) is one SQLite transaction, so a
/// crash never applies an event twice or skips one. The read-model tables are a pure function of
/// the reducer's state: they are brought up to date (writing only the rows that differ from what
/// the table holds) in the same transaction as the checkpoint whenever the projector reaches the
/// end of the log, stops, or has applied `tableSyncInterval` events since the last time. On start
/// the reducer state is replayed in memory up to the checkpoint. A schema version other than
/// ``ProjectionSchema/version`` (or `rebuild: true`) rebuilds into a fresh file beside the live
/// one and swaps it in atomically; readers never see a half-built database.
public final class Projector {
    public let tenant: TenantDirectory
    public var batchSize: Int
    /// During a long catch-up, the read-model tables are brought up to date at least this often
    /// (in events); they always are when the projector reaches the end of the log or stops.
    public var tableSyncInterval: UInt64

    public init(tenant: TenantDirectory, batchSize: Int = 2_000, tableSyncInterval: UInt64 = 100_000) {
        self.tenant = tenant
        self.batchSize = batchSize
        self.tableSyncInterval = tableSyncInterval
    }

    /// Catches up with the log (and with `follow`, keeps following it until the task is
    /// cancelled). Returns the last committed sequence.
    @discardableResult
    public func run(
        follow: Bool = false, rebuild: Bool = false,
        progress: @escaping (ProjectorProgress) -> Void = { _ in }
    ) async throws -> UInt64 {
        try tenant.requireLog()
        let lock = try ProjectorLock(tenant: tenant)
        defer { withExtendedLifetime(lock) {} }
        let version = try ProjectionDatabase.schemaVersion(at: tenant.projectionPath)
        var rebuilt: Replayed?
        if rebuild || (version != nil && version != ProjectionSchema.version) || version == nil {
            rebuilt = try await rebuildDatabase(progress: progress)
            // Stopped during the rebuild: the live database is the one before it, or the rebuilt one if the swap happened.
            if Task.isCancelled { return try rebuilt?.sequence ?? ProjectionDatabase.checkpoint(at: tenant.projectionPath) }
        }
        let queue = try ProjectionDatabase.openForWriting(tenant.projectionPath)
        return try await apply(to: queue, from: rebuilt, follow: follow, rebuilding: false, progress: progress).sequence
    }

    /// The reducer's state after applying the log up to `sequence`.
    private struct Replayed {
        var sequence: UInt64
        var state: SyncState
    }

    /// Builds a fresh database from the whole log, then swaps it in.
    private func rebuildDatabase(progress: @escaping (ProjectorProgress) -> Void) async throws -> Replayed? {
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: tenant.rebuildPath + suffix) }
        let fresh = try ProjectionDatabase.openForBulkLoad(tenant.rebuildPath)
        let replayed = try await apply(to: fresh, from: nil, follow: false, rebuilding: true, progress: progress)
        if Task.isCancelled {
            try fresh.close()
            try? manager.removeItem(atPath: tenant.rebuildPath)
            return nil
        }
        try ProjectionDatabase.finishBulkLoad(fresh, path: tenant.rebuildPath)
        // Empty the live database's WAL into it, so removing the WAL loses nothing for readers
        // that open the old file in the instant before the swap.
        if manager.fileExists(atPath: tenant.projectionPath) { try Self.checkpointWAL(at: tenant.projectionPath) }
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: tenant.projectionPath + suffix) }
        guard rename(tenant.rebuildPath, tenant.projectionPath) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tenant.projectionPath])
        }
        // Make the rename itself durable.
        let directory = open(tenant.path, O_RDONLY | O_DIRECTORY)
        if directory >= 0 { fsync(directory); close(directory) }
        return replayed
    }

    /// Applies the log after the database's checkpoint. `replayed` is the reducer's state at that
    /// checkpoint when the caller has it (just after a rebuild); otherwise it is replayed in memory.
    private func apply(
        to queue: DatabaseQueue, from replayed: Replayed?, follow: Bool, rebuilding: Bool, progress: @escaping (ProjectorProgress) -> Void
    ) async throws -> Replayed {
        let reader = try EventLogReader(directory: tenant.logPath)
        var committed = try Self.readCheckpoint(queue)

        // The reducer's state at the checkpoint, replayed in memory (nothing is written).
        var state = SyncState()
        state.recordsDecisions = false  // no table shows them; `replay --explain` does
        if let replayed, replayed.sequence == committed {
            state = replayed.state
        } else {
            let replay = try reader.cursor(from: 1)
            while replay.nextSequence <= committed, let event = try replay.next() {
                _ = reduce(into: &state, recorded: event)
            }
        }
        // Each writer reads its table on the first sync that needs it.
        var writers = ProjectionTables.all.map { TableWriter(table: $0, remembersRows: !rebuilding) }
        // A rebuild's database is invisible until it is swapped in: its tables are written once, at the end.
        let tableSyncInterval = rebuilding ? UInt64.max : self.tableSyncInterval
        // Sync once at the first commit, unless the tables were just rebuilt from this very state.
        let tablesCurrent = rebuilding || (replayed != nil && replayed?.sequence == committed)
        var sinceTableSync: UInt64 = tablesCurrent ? 0 : tableSyncInterval

        let cursor = try reader.cursor(from: committed + 1)
        let watcher = follow ? LogWatcher(directory: tenant.logPath) : nil
        let clock = ContinuousClock()
        let started = clock.now
        var applied: UInt64 = 0
        var lastReport = started
        var target = try reader.lastSequence()
        func report(force: Bool) {
            let now = clock.now
            guard force || now - lastReport >= .milliseconds(250) else { return }
            lastReport = now
            let elapsed = now - started
            progress(ProjectorProgress(
                committed: committed, target: max(target, committed), applied: applied,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, rebuilding: rebuilding))
        }

        // A rebuild's audit rows are written by the reading thread (see DecodingReader).
        let batches = DecodingReader(cursor: cursor, batchSize: batchSize, auditInto: rebuilding ? queue : nil)
        // The last event reduced: a rebuild commits its checkpoint only with the tables, at the end.
        var lastApplied: RecordedEvent?
        defer { batches.finish() }
        while !Task.isCancelled {
            let seen = watcher?.generation ?? 0
            let batch = try batches.next()
            sinceTableSync += UInt64(batch.events.count)
            let syncTables = sinceTableSync > 0 && (batch.atEnd || sinceTableSync >= tableSyncInterval || Task.isCancelled)
            if batch.events.isEmpty {
                if syncTables {
                    try Self.commit(auditRowsOf: [], state: state, writers: &writers, syncTables: true, checkpoint: lastApplied, to: queue)
                    sinceTableSync = 0
                }
                report(force: true)
                guard let watcher else { break }
                await watcher.waitForChange(after: seen)
                target = try reader.lastSequence()
                continue
            }
            let last = batch.events[batch.events.count - 1]
            // By index: a loop over zip would copy every event out of the arrays.
            for index in batch.decoded.indices { _ = reduce(into: &state, event: batch.decoded[index]) }
            // A rebuild has nothing to write until the end: its audit rows are in, the checkpoint can wait.
            if !rebuilding || syncTables {
                try Self.commit(auditRowsOf: rebuilding ? [] : batch.events, state: state, writers: &writers, syncTables: syncTables,
                                checkpoint: last, to: queue)
            }
            lastApplied = last
            if syncTables { sinceTableSync = 0 }
            committed = last.sequence
            applied += UInt64(batch.events.count)
            if committed > target { target = try reader.lastSequence() }
            report(force: false)
        }
        report(force: true)
        return Replayed(sequence: committed, state: state)
    }

    // Synchronous on purpose: the projector owns its connection, and GRDB's blocking calls keep
    // the batch (state, writers) out of Sendable closures.

    private static func readCheckpoint(_ queue: DatabaseQueue) throws -> UInt64 {
        try queue.read { try ProjectionDatabase.checkpoint($0) }
    }

    private static func checkpointWAL(at path: String) throws {
        let live = try ProjectionDatabase.openForWriting(path)
        _ = try live.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try live.close()
    }

    /// One transaction: the audit rows of `events` (none when the reading thread wrote them), the
    /// table rows that differ from `state`, and the checkpoint (the last event applied). A failure
    /// ends the run; the next one replays the state up to the committed checkpoint.
    private static func commit(
        auditRowsOf events: [RecordedEvent], state: SyncState, writers: inout [TableWriter], syncTables: Bool,
        checkpoint: RecordedEvent?, to queue: DatabaseQueue
    ) throws {
        try queue.inTransaction { db in
            try AuditIndexWriter.insert(events, in: db)
            if syncTables {
                for index in writers.indices { try writers[index].sync(to: state, in: db) }
            }
            if let checkpoint {
                try db.execute(sql: "UPDATE projector_checkpoint SET last_sequence = ?, last_recorded_at = ? WHERE id = 1",
                               arguments: [Int64(checkpoint.sequence), checkpoint.recordedAt.microseconds])
            }
            return .commit
        }
    }
}
