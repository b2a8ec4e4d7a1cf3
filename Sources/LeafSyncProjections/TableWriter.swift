import GRDB
import LeafSyncDomain

/// Keeps one projection table equal to its rows for the current state, writing only the
/// difference from what it wrote last.
struct TableWriter {
    let table: ProjectionTable
    /// Rows as last written, by primary key.
    private var written: [DatabaseValue: [DatabaseValue]] = [:]

    init(table: ProjectionTable) { self.table = table }

    /// Loads what the table holds now, so the next sync writes exactly the difference.
    mutating func load(from db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
        written = Dictionary(rows.map { row in
            let values = Array(row.databaseValues)
            return (values[0], values)
        }, uniquingKeysWith: { _, last in last })
    }

    /// Upserts changed rows and deletes vanished ones. Returns how many rows it touched.
    @discardableResult
    mutating func sync(to state: SyncState, in db: Database) throws -> Int {
        var current: [DatabaseValue: [DatabaseValue]] = [:]
        for row in table.rows(state) { current[row[0]] = row }
        var touched = 0
        if current != written {
            let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
            let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))")
            let delete = try db.cachedStatement(sql: "DELETE FROM \(table.name) WHERE \(table.columns[0]) = ?")
            for (key, row) in current where written[key] != row {
                try upsert.execute(arguments: StatementArguments(row))
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
