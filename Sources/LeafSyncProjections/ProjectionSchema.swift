import GRDB

/// The projection database's tables. Bump `version` whenever a table or a row builder changes:
/// a projector that finds another version rebuilds the database from the log on start.
/// (2: the commands table holds each command's content, target, dependency, sequence and last error.
/// 3: the operator_requests table, each operator request with its outcome.
/// 4: `metrc_sales_orders`, the Metrc template and matched transfer of each SO.)
public enum ProjectionSchema {
    public static let version = 4

    static let statements =
        [
            """
            CREATE TABLE projector_checkpoint (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_sequence INTEGER NOT NULL,
                last_recorded_at INTEGER
            )
            """,
            // Audit index: every event, by subject, type and time.
            """
            CREATE TABLE audit_index (
                seq INTEGER PRIMARY KEY,
                recorded_at INTEGER NOT NULL,
                type TEXT NOT NULL,
                source TEXT NOT NULL,
                subject TEXT NOT NULL,
                correlation_id TEXT,
                causation_id INTEGER
            )
            """,
        ] + ProjectionTables.all.flatMap(\.createStatements)

    /// The audit index's secondary indexes. A rebuild creates them after loading every row, which
    /// is several times faster than keeping them up to date row by row.
    static let auditIndexes = [
        "CREATE INDEX audit_by_subject ON audit_index (subject, seq)",
        "CREATE INDEX audit_by_type ON audit_index (type, recorded_at)",
        "CREATE INDEX audit_by_time ON audit_index (recorded_at)",
    ]

    /// Creates every table in an empty database and stamps the schema version; with
    /// `deferringAuditIndexes`, the caller creates ``auditIndexes`` once the rows are in.
    static func create(_ db: Database, deferringAuditIndexes: Bool = false) throws {
        for statement in statements { try db.execute(sql: statement) }
        if !deferringAuditIndexes { try createAuditIndexes(db) }
        try db.execute(sql: "INSERT INTO projector_checkpoint (id, last_sequence) VALUES (1, 0)")
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    static func createAuditIndexes(_ db: Database) throws {
        for statement in auditIndexes { try db.execute(sql: statement) }
    }
}
