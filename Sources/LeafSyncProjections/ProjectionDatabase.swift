import Foundation
public import GRDB
public import LeafSyncLog

/// Opens projection databases: WAL for the projector (readers in other processes never block
/// it), read-only for audit queries, both with a busy timeout.
public enum ProjectionDatabase {
    static let busyTimeout: TimeInterval = 10

    /// The projector's connection (creating the schema in an empty database).
    static func openForWriting(_ path: String) throws -> DatabaseQueue {
        try open(path, pragmas: ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"], deferringAuditIndexes: false)
    }

    /// A connection for building a fresh database that nobody reads until it is complete and
    /// swapped in: no journal and no syncs while loading (a crash leaves a file the next rebuild
    /// deletes), and the audit index's secondary indexes left for ``finishBulkLoad(_:path:)``.
    static func openForBulkLoad(_ path: String) throws -> DatabaseQueue {
        // Two sorter threads: the index build at the end runs while the other core is idle (~20 % faster).
        try open(
            path, pragmas: ["PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA threads = 2"], deferringAuditIndexes: true)
    }

    /// The audit-index part of a rebuild on its own: writes the rows of `events` into a fresh
    /// bulk-load database at `path` in one transaction, then builds its indexes and syncs it.
    /// For `leafsync-bench rebuild-profile`, which reports the two durations.
    public static func bulkLoadAuditIndex(_ events: [RecordedEvent], into path: String) throws -> (rows: Duration, indexes: Duration) {
        let clock = ContinuousClock()
        let queue = try openForBulkLoad(path)
        let rows = try clock.measure {
            try queue.inTransaction { db in
                try AuditIndexWriter.insert(events, in: db)
                return .commit
            }
        }
        let indexes = try clock.measure { try finishBulkLoad(queue, path: path) }
        return (rows, indexes)
    }

    /// Creates the deferred indexes, closes the connection and makes the file durable.
    static func finishBulkLoad(_ queue: DatabaseQueue, path: String) throws {
        try queue.writeWithoutTransaction { db in try ProjectionSchema.createAuditIndexes(db) }
        try queue.close()
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? file.close() }
        try file.synchronize()
    }

    private static func open(_ path: String, pragmas: [String], deferringAuditIndexes: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            for pragma in pragmas { try db.execute(sql: pragma) }
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            if try !db.tableExists("projector_checkpoint") {
                try ProjectionSchema.create(db, deferringAuditIndexes: deferringAuditIndexes)
            }
        }
        return queue
    }

    /// A read-only connection for audit queries: any statement that writes is refused by SQLite.
    public static func openReadOnly(_ tenant: TenantDirectory) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: tenant.projectionPath) else {
            throw ProjectionError.noProjection(tenant: tenant.path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        return try DatabaseQueue(path: tenant.projectionPath, configuration: configuration)
    }

    /// The schema version stamped in a database file, or nil when there is no file.
    static func schemaVersion(at path: String) throws -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
    }

    /// The checkpoint stamped in a database file (read-only), or 0 when there is no file.
    static func checkpoint(at path: String) throws -> UInt64 {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        return try DatabaseQueue(path: path, configuration: configuration).read { try checkpoint($0) }
    }

    /// The last sequence the projection reflects.
    static func checkpoint(_ db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT last_sequence FROM projector_checkpoint WHERE id = 1") ?? 0)
    }

    /// Every table's rows in primary-key order, as text: two databases with equal dumps hold the
    /// same projections (used to prove a rebuild equals the live projection).
    public static func orderedDump(_ queue: DatabaseQueue) throws -> String {
        try queue.read { db in
            var dump = ""
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for table in tables {
                dump += "## \(table)\n"
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1")
                for row in rows { dump += row.description + "\n" }
            }
            return dump
        }
    }
}
