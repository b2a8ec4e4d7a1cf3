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
///
/// Reading the log, reducing and SQLite's commits all block, so they run on a thread of the
/// projector's own (as the log writer's appends do), never on Swift's cooperative pool; `run`
/// awaits that thread, and awaits the log watcher between catch-ups when it follows the log:
///
/// ```swift
/// let projector = Projector(tenant: TenantDirectory("data/tenants/acme"))
/// let following = Task { try await projector.run(follow: true) }
/// …
/// following.cancel()                 // finishes its batch, commits its checkpoint
/// let committed = try await following.value
/// ```
public final class Projector {
    public let tenant: TenantDirectory
    public var batchSize: Int
    /// During a long catch-up, the read-model tables are brought up to date at least this often
    /// (in events); they always are when the projector reaches the end of the log or stops.
    public var tableSyncInterval: UInt64
    /// Times progress reports and the log watcher's safety tick (tests pass a clock of their own).
    public let clock: any Clock<Duration>

    public init(
        tenant: TenantDirectory, batchSize: Int = 2_000, tableSyncInterval: UInt64 = 100_000,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.tenant = tenant
        self.batchSize = batchSize
        self.tableSyncInterval = tableSyncInterval
        self.clock = clock
    }

    /// Catches up with the log (and with `follow`, keeps following it until the task is
    /// cancelled). Cancelling stops the projector after the batch it is applying, with that
    /// batch and the read-model tables committed. Returns the last committed sequence.
    ///
    /// `progress` is called on the projector's thread, at most every 250 ms and at the end.
    @discardableResult
    public func run(
        follow: Bool = false, rebuild: Bool = false,
        progress: @escaping @Sendable (ProjectorProgress) -> Void = { _ in }
    ) async throws -> UInt64 {
        let settings = Settings(
            tenant: tenant, batchSize: batchSize, tableSyncInterval: tableSyncInterval, clock: clock, progress: progress)
        let stop = StopRequest()
        return try await withTaskCancellationHandler {
            try await Self.run(settings, follow: follow, rebuild: rebuild, stop: stop)
        } onCancel: {
            stop.request()
        }
    }

    /// The name of the projector's threads (in a debugger or `top -H`).
    static let threadName = "leafsync-projector"

    /// What a run needs, copied out of the projector so its threads share nothing mutable.
    struct Settings: Sendable {
        var tenant: TenantDirectory
        var batchSize: Int
        var tableSyncInterval: UInt64
        var clock: any Clock<Duration>
        var progress: @Sendable (ProjectorProgress) -> Void
    }

    private static func run(_ settings: Settings, follow: Bool, rebuild: Bool, stop: StopRequest) async throws -> UInt64 {
        let tenant = settings.tenant
        let lock = try await onOwnThread(named: Projector.threadName) { () throws -> ProjectorLock in
            try tenant.requireLog()
            return try ProjectorLock(tenant: tenant)
        }
        defer { lock.release() }
        let rebuilt = try await onOwnThread(named: Projector.threadName) { () throws -> Replayed? in
            let version = try ProjectionDatabase.schemaVersion(at: tenant.projectionPath)
            guard rebuild || version != ProjectionSchema.version else { return nil }
            return try rebuildDatabase(settings, stop: stop)
        }
        // Stopped during the rebuild: the live database is the one before it, or the rebuilt one if the swap happened.
        if stop.isRequested {
            return try await onOwnThread(named: Projector.threadName) {
                try rebuilt?.sequence ?? ProjectionDatabase.checkpoint(at: tenant.projectionPath)
            }
        }
        let session = try await onOwnThread(named: Projector.threadName) {
            try ProjectionSession(
                applyingTo: ProjectionDatabase.openForWriting(tenant.projectionPath), from: rebuilt, rebuilding: false, settings: settings)
        }
        let watcher = follow ? LogWatcher(directory: tenant.logPath, clock: settings.clock) : nil
        do {
            while let seen = try await onOwnThread(named: Projector.threadName, { try session.catchUp(noting: watcher, stop: stop) }),
                let watcher
            {
                await watcher.waitForChange(after: seen)
            }
        } catch {
            _ = try? await onOwnThread(named: Projector.threadName) { session.finish() }
            throw error
        }
        return try await onOwnThread(named: Projector.threadName) { session.finish() }.sequence
    }

    /// Builds a fresh database from the whole log, then swaps it in (on the projector's thread).
    private static func rebuildDatabase(_ settings: Settings, stop: StopRequest) throws -> Replayed? {
        let tenant = settings.tenant
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: tenant.rebuildPath + suffix) }
        let fresh = try ProjectionDatabase.openForBulkLoad(tenant.rebuildPath)
        let session = try ProjectionSession(applyingTo: fresh, from: nil, rebuilding: true, settings: settings)
        let replayed: Replayed
        do {
            _ = try session.catchUp(noting: nil, stop: stop)
            replayed = session.finish()
        } catch {
            _ = session.finish()
            throw error
        }
        if stop.isRequested {
            try fresh.close()
            try? manager.removeItem(atPath: tenant.rebuildPath)
            return nil
        }
        try ProjectionDatabase.finishBulkLoad(fresh, path: tenant.rebuildPath)
        // Empty the live database's WAL into it, so removing the WAL loses nothing for readers
        // that open the old file in the instant before the swap.
        if manager.fileExists(atPath: tenant.projectionPath) { try checkpointWAL(at: tenant.projectionPath) }
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: tenant.projectionPath + suffix) }
        do {
            try Platform.replace(tenant.projectionPath, with: tenant.rebuildPath)
        } catch {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tenant.projectionPath])
        }
        // Make the rename itself durable.
        try? Platform.syncDirectory(tenant.path)
        return replayed
    }

    private static func checkpointWAL(at path: String) throws {
        let live = try ProjectionDatabase.openForWriting(path)
        _ = try live.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try live.close()
    }
}
