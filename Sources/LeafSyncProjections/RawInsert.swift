import Foundation
import GRDB
import GRDBSQLite

/// A cached insert run through SQLite's C API: values are bound directly instead of through a
/// boxed GRDB argument array, which matters for statements run once per event or per row.
struct RawInsert {
    private let statement: Statement

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    /// Resets the statement, lets `bind` set its parameters, and runs it.
    func run(in db: Database, _ bind: (Binder) -> Void) throws {
        let sql = statement.sqliteStatement
        sqlite3_reset(sql)
        bind(Binder(sql: sql))
        let code = sqlite3_step(sql)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }

    /// Binds parameters by 1-based index. Text and blobs are copied by SQLite (`SQLITE_TRANSIENT`).
    struct Binder {
        let sql: SQLiteStatement

        func int64(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(sql, index, value) }
        func null(_ index: Int32) { sqlite3_bind_null(sql, index) }

        func text(_ index: Int32, _ value: String) {
            var value = value
            value.withUTF8 { bytes in
                _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress {
                        sqlite3_bind_text(sql, index, base, Int32(chars.count), sqliteTransient)
                    } else {
                        sqlite3_bind_text(sql, index, "", 0, sqliteTransient)
                    }
                }
            }
        }

        func text(_ index: Int32, _ value: String?) {
            if let value { text(index, value) } else { null(index) }
        }

        func value(_ index: Int32, _ value: DatabaseValue) {
            switch value.storage {
            case .null: null(index)
            case .int64(let i): int64(index, i)
            case .double(let d): sqlite3_bind_double(sql, index, d)
            case .string(let s): text(index, s)
            case .blob(let data):
                _ = data.withUnsafeBytes { sqlite3_bind_blob(sql, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
            }
        }
    }
}

/// SQLite's "copy the value now" destructor marker (`SQLITE_TRANSIENT`), which Swift does not import as a constant.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
