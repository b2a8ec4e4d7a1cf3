import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncLog

/// The reducer's state after applying the log up to `sequence`.
struct Replayed: Sendable {
    var sequence: UInt64
    var state: SyncState
}

/// One projector run against one database: the reducer's state, the table writers, the cursor
/// reading ahead, and the progress counters, between the catch-ups of a run.
///
/// Every method blocks (log reads, SQLite commits) and is called on the projector's own thread
/// (`onOwnThread(named:_:)`), one call at a time: each call starts after the previous one's thread
/// has finished, and the awaited continuation orders the two, so the state needs no lock.
final class ProjectionSession: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let reader: EventLogReader
    private let rebuilding: Bool
    private let settings: Projector.Settings
    private var state: SyncState
    private var writers: [TableWriter]
    private let tableSyncInterval: UInt64
    private var sinceTableSync: UInt64
    private var committed: UInt64
    /// The last event reduced: a rebuild commits its checkpoint only with the tables, at the end.
    private var lastApplied: RecordedEvent?
    private let batches: DecodingReader

    // Progress.
    private let elapsed: @Sendable () -> Duration
    private var lastReport: Duration = .zero
    private var applied: UInt64 = 0
    private var target: UInt64 = 0

    /// Opens the log after the database's checkpoint. `replayed` is the reducer's state at that
    /// checkpoint when the caller has it (just after a rebuild); otherwise it is replayed in memory.
    init(applyingTo queue: DatabaseQueue, from replayed: Replayed?, rebuilding: Bool, settings: Projector.Settings) throws {
        self.queue = queue
        self.rebuilding = rebuilding
        self.settings = settings
        reader = try EventLogReader(directory: settings.tenant.logPath)
        committed = try queue.read { try ProjectionDatabase.checkpoint($0) }

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
        self.state = state
        // Each writer reads its table on the first sync that needs it.
        writers = ProjectionTables.all.map { TableWriter(table: $0, remembersRows: !rebuilding) }
        // A rebuild's database is invisible until it is swapped in: its tables are written once, at the end.
        tableSyncInterval = rebuilding ? UInt64.max : settings.tableSyncInterval
        // Sync once at the first commit, unless the tables were just rebuilt from this very state.
        let tablesCurrent = rebuilding || (replayed != nil && replayed?.sequence == committed)
        sinceTableSync = tablesCurrent ? 0 : tableSyncInterval

        // A rebuild's audit rows are written by the reading thread (see DecodingReader).
        batches = DecodingReader(
            cursor: try reader.cursor(from: committed + 1), batchSize: settings.batchSize, auditInto: rebuilding ? queue : nil)
        elapsed = Self.stopwatch(settings.clock)
    }

    /// Time since now, on `clock`.
    private static func stopwatch(_ clock: some Clock<Duration>) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    /// Applies batches until the end of the log, committing each, and returns the watcher's
    /// generation noted before the read that found nothing more (0 without a watcher); or nil
    /// once `stop` is requested, after committing the batch (and the tables) it was applying.
    func catchUp(noting watcher: LogWatcher?, stop: StopRequest) throws -> UInt64? {
        target = try reader.lastSequence()
        while !stop.isRequested {
            let seen = watcher?.generation ?? 0
            let batch = try batches.next()
            sinceTableSync += UInt64(batch.events.count)
            let syncTables = sinceTableSync > 0 && (batch.atEnd || sinceTableSync >= tableSyncInterval || stop.isRequested)
            if batch.events.isEmpty {
                if syncTables {
                    try Self.commit(auditRowsOf: [], state: state, writers: &writers, syncTables: true, checkpoint: lastApplied, to: queue)
                    sinceTableSync = 0
                }
                report(force: true)
                return seen
            }
            let last = batch.events[batch.events.count - 1]
            // By index: a loop over zip would copy every event out of the arrays.
            for index in batch.decoded.indices { _ = reduce(into: &state, event: batch.decoded[index]) }
            // A rebuild has nothing to write until the end: its audit rows are in, the checkpoint can wait.
            if !rebuilding || syncTables {
                try Self.commit(
                    auditRowsOf: rebuilding ? [] : batch.events, state: state, writers: &writers, syncTables: syncTables,
                    checkpoint: last, to: queue)
            }
            lastApplied = last
            if syncTables { sinceTableSync = 0 }
            committed = last.sequence
            applied += UInt64(batch.events.count)
            if committed > target { target = try reader.lastSequence() }
            report(force: false)
        }
        return nil
    }

    /// Reports the final progress and waits for the batch being read ahead, so nothing touches
    /// the log after the run. Returns the state at the last committed sequence.
    func finish() -> Replayed {
        report(force: true)
        batches.finish()
        return Replayed(sequence: committed, state: state)
    }

    private func report(force: Bool) {
        let now = elapsed()
        guard force || now - lastReport >= .milliseconds(250) else { return }
        lastReport = now
        settings.progress(
            ProjectorProgress(
                committed: committed, target: max(target, committed), applied: applied,
                seconds: Double(now.components.seconds) + Double(now.components.attoseconds) / 1e18, rebuilding: rebuilding))
    }

    /// One transaction: the audit rows of `events` (none when the reading thread wrote them), the
    /// table rows that differ from `state`, and the checkpoint (the last event applied). A failure
    /// ends the run; the next one replays the state up to the committed checkpoint.
    static func commit(
        auditRowsOf events: [RecordedEvent], state: SyncState, writers: inout [TableWriter], syncTables: Bool,
        checkpoint: RecordedEvent?, to queue: DatabaseQueue
    ) throws {
        try queue.inTransaction { db in
            try AuditIndexWriter.insert(events, in: db)
            if syncTables {
                for index in writers.indices { try writers[index].sync(to: state, in: db) }
            }
            if let checkpoint {
                try db.execute(
                    sql: "UPDATE projector_checkpoint SET last_sequence = ?, last_recorded_at = ? WHERE id = 1",
                    arguments: [Int64(checkpoint.sequence), checkpoint.recordedAt.microseconds])
            }
            return .commit
        }
    }
}
