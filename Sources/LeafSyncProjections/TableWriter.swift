import GRDB
import LeafSyncDomain

/// Keeps one projection table equal to its rows for the current state, writing only the
/// difference from what it wrote last.
struct TableWriter {
    let table: ProjectionTable
    /// Whether to keep the rows written, to diff the next sync against. A rebuild syncs once,
    /// into empty tables, and does not need them.
    let remembersRows: Bool
    /// Rows as last written, by primary key.
    private var written: [DatabaseValue: [DatabaseValue]] = [:]
    /// Rows were written without being remembered: the next sync rewrites the table.
    private var forgotten = false
    /// Whether `written` reflects the table yet (it is read on the first sync that needs it).
    private var loaded = false
    /// What the table's row builder keeps between syncs.
    private let memo = RowMemo()

    init(table: ProjectionTable, remembersRows: Bool = true) {
        self.table = table
        self.remembersRows = remembersRows
    }

    /// Loads what the table holds now, so the next sync writes exactly the difference.
    mutating func load(from db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
        written = Dictionary(
            rows.map { row in
                let values = Array(row.databaseValues)
                return (values[0], values)
            }, uniquingKeysWith: { _, last in last })
        loaded = true
    }

    /// Upserts changed rows and deletes vanished ones. Returns how many rows it touched.
    @discardableResult
    mutating func sync(to state: SyncState, in db: Database) throws -> Int {
        if remembersRows, !loaded { try load(from: db) }
        let rows = table.rows(state, memo)
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let upsert = try RawInsert(
            db, sql: "INSERT OR REPLACE INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))")
        func write(_ row: [DatabaseValue]) throws {
            try upsert.run(in: db) { bind in
                for (index, value) in row.enumerated() { bind.value(Int32(index + 1), value) }
            }
        }
        if written.isEmpty {
            // An empty table (or one this writer does not remember): every row is new, no diff to compute.
            if forgotten { try db.execute(sql: "DELETE FROM \(table.name)") }
            for row in rows { try write(row) }
            if remembersRows { for row in rows { written[row[0]] = row } } else { forgotten = true }
            return rows.count
        }
        var current: [DatabaseValue: [DatabaseValue]] = [:]
        current.reserveCapacity(rows.count)
        for row in rows { current[row[0]] = row }
        var touched = 0
        if current != written {
            let delete = try db.cachedStatement(sql: "DELETE FROM \(table.name) WHERE \(table.columns[0]) = ?")
            for (key, row) in current where written[key] != row {
                try write(row)
                touched += 1
            }
            for key in written.keys where current[key] == nil {
                try delete.execute(arguments: [key])
                touched += 1
            }
            written = current
        }
        return touched
    }
}
