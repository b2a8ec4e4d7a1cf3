import GRDB
import GRDBSQLite
import LeafSyncLog

/// Inserts audit-index rows (one per event) through SQLite's C API on a prepared statement.
///
/// The audit index gets a row for every event, so this is the projector's hottest write; binding
/// values directly avoids building a boxed argument array per row.
struct AuditIndexWriter {
    private let statement: Statement

    init(_ db: Database) throws {
        statement = try db.cachedStatement(sql: """
            INSERT INTO audit_index (seq, recorded_at, type, source, subject, correlation_id, causation_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func insert(_ event: RecordedEvent, in db: Database) throws {
        let sql = statement.sqliteStatement
        sqlite3_reset(sql)
        sqlite3_bind_int64(sql, 1, Int64(bitPattern: event.sequence))
        sqlite3_bind_int64(sql, 2, event.recordedAt.microseconds)
        Self.bind(event.type, at: 3, in: sql)
        Self.bind(event.source, at: 4, in: sql)
        Self.bind(event.subject, at: 5, in: sql)
        if let correlation = event.correlationID { Self.bind(correlation, at: 6, in: sql) } else { sqlite3_bind_null(sql, 6) }
        if let causation = event.causationID { sqlite3_bind_int64(sql, 7, Int64(bitPattern: causation)) } else { sqlite3_bind_null(sql, 7) }
        let code = sqlite3_step(sql)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }

    /// Binds a copy of the text (SQLITE_TRANSIENT), so the Swift string need not outlive the call.
    private static func bind(_ text: String, at index: Int32, in sql: SQLiteStatement) {
        var text = text
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    sqlite3_bind_text(sql, index, base, Int32(chars.count), SQLITE_TRANSIENT)
                } else {
                    sqlite3_bind_text(sql, index, "", 0, SQLITE_TRANSIENT)
                }
            }
        }
    }
}

/// SQLite's "copy the value now" destructor marker, which Swift does not import as a constant.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
