import GRDB
import LeafSyncLog

/// Inserts the audit-index row of each event: the projector's hottest write, one per event.
struct AuditIndexWriter {
    private let insert: RawInsert

    init(_ db: Database) throws {
        insert = try RawInsert(
            db,
            sql: """
                INSERT INTO audit_index (seq, recorded_at, type, source, subject, correlation_id, causation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
    }

    func insert(_ event: RecordedEvent, in db: Database) throws {
        try insert.run(in: db) { bind in
            bind.int64(1, Int64(bitPattern: event.sequence))
            bind.int64(2, event.recordedAt.microseconds)
            bind.text(3, event.type)
            bind.text(4, event.source)
            bind.text(5, event.subject)
            bind.text(6, event.correlationID)
            if let causation = event.causationID { bind.int64(7, Int64(bitPattern: causation)) } else { bind.null(7) }
        }
    }

    /// Inserts the rows of `events`, in the caller's transaction.
    static func insert(_ events: [RecordedEvent], in db: Database) throws {
        guard !events.isEmpty else { return }
        let writer = try AuditIndexWriter(db)
        for index in events.indices { try writer.insert(events[index], in: db) }
    }
}
