import Foundation
import GRDB
import LeafSyncLog

/// The baseline: the obvious event store a user would pick. One SQLite table, one row per event
/// with the JSON payload as text, WAL journal, 1,000 rows per transaction, through GRDB with a
/// cached prepared statement.
struct SQLiteEventTable {
    let path: String
    let queue: DatabaseQueue

    /// - Parameter synchronous: `FULL` syncs the WAL at every commit (durable like our `fsync`
    ///   policy), `OFF` never syncs (like our `none`).
    init(path: String, synchronous: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS events (
                        seq INTEGER PRIMARY KEY,
                        recorded_at INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        schema_version INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        causation_id INTEGER,
                        correlation_id TEXT,
                        payload TEXT NOT NULL
                    )
                    """)
        }
    }

    /// Inserts `events` in transactions of `rowsPerTransaction`.
    func append(_ events: [NewEvent], rowsPerTransaction: Int) throws {
        var sequence: Int64 = 0
        for start in stride(from: 0, to: events.count, by: rowsPerTransaction) {
            let chunk = events[start..<min(start + rowsPerTransaction, events.count)]
            try queue.inTransaction { db in
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO events (seq, recorded_at, type, schema_version, source, subject, causation_id, correlation_id, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for event in chunk {
                    sequence += 1
                    try statement.execute(arguments: [
                        sequence, event.recordedAt?.microseconds ?? 0, event.type, Int(event.schemaVersion), event.source,
                        event.subject, event.causationID.map { Int64(bitPattern: $0) }, event.correlationID,
                        String(decoding: event.payload, as: UTF8.self),
                    ])
                }
                return .commit
            }
        }
    }

    /// Reads every row in order into the same value the log returns; returns the count and a
    /// checksum of payload lengths so neither side can skip work.
    func scan() throws -> (count: Int, payloadBytes: Int) {
        try queue.read { db in
            var count = 0
            var bytes = 0
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT seq, recorded_at, type, schema_version, source, subject, causation_id, correlation_id, payload
                    FROM events ORDER BY seq
                    """)
            while let row = try rows.next() {
                // One copy, as the log's reader makes: the bytes straight out of SQLite's row buffer.
                let payload = try row.withUnsafeData(atIndex: 8) { [UInt8]($0 ?? Data()) }
                let event = RecordedEvent(
                    sequence: UInt64(row[0] as Int64), recordedAt: Timestamp(microseconds: row[1]), type: row[2],
                    schemaVersion: UInt16(row[3] as Int), source: row[4], subject: row[5],
                    causationID: (row[6] as Int64?).map { UInt64(bitPattern: $0) }, correlationID: row[7],
                    payload: EventPayload(payload)
                )
                count += 1
                bytes += event.payload.count
            }
            return (count, bytes)
        }
    }
}
