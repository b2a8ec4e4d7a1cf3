import Dispatch
import GRDB
import LeafSyncDomain
import LeafSyncLog
import Synchronization

/// Reads the log in batches for the projector and decodes each batch's payloads into domain
/// events on another core, one batch ahead: while the projector reduces and commits batch N,
/// batch N+1 is being read and decoded (decoding is pure, so it can run anywhere; reducing cannot).
///
/// A rebuild also has the reading thread write each batch's audit-index rows (`auditInto`): they
/// depend on the envelopes alone, and the rebuild's database is invisible until it is swapped
/// in, so they need not share a transaction with the checkpoint.
final class DecodingReader: @unchecked Sendable {
    /// A batch and its decoded events, index for index.
    struct Batch: Sendable {
        var events: [RecordedEvent]
        var decoded: [DomainEvent]
        /// The log had no more events when this batch was read.
        var atEnd: Bool
    }

    private let reader: Reader
    private var ahead: Job?

    init(cursor: EventCursor, batchSize: Int, auditInto audit: DatabaseQueue? = nil) {
        reader = Reader(cursor: cursor, batchSize: batchSize, audit: audit)
    }

    /// The next batch (empty at the end of the log). A batch read ahead is returned only if it
    /// holds events, so an empty answer always comes from a read made during this call: a caller
    /// that notes the log watcher's generation before calling never misses an append.
    func next() throws -> Batch {
        if let job = ahead {
            ahead = nil
            let batch = try job.wait()
            if !batch.events.isEmpty {
                if !batch.atEnd { ahead = Job(reading: reader) }
                return batch
            }
        }
        let batch = try reader.readAndDecode()
        if !batch.atEnd { ahead = Job(reading: reader) }
        return batch
    }

    /// Waits for the batch being read, so nothing touches the cursor after the projector stops.
    func finish() { _ = try? ahead?.wait(); ahead = nil }

    /// The cursor, used by one thread at a time: the caller's, or one job's while the caller waits
    /// for it (a job is started only after the previous one was waited for).
    private final class Reader: @unchecked Sendable {
        let cursor: EventCursor
        let batchSize: Int
        let audit: DatabaseQueue?

        init(cursor: EventCursor, batchSize: Int, audit: DatabaseQueue?) {
            self.cursor = cursor
            self.batchSize = batchSize
            self.audit = audit
        }

        func readAndDecode() throws -> Batch {
            var events: [RecordedEvent] = []
            events.reserveCapacity(batchSize)
            var atEnd = false
            while events.count < batchSize {
                guard let event = try cursor.next() else { atEnd = true; break }
                events.append(event)
            }
            if let audit, !events.isEmpty {
                try audit.inTransaction { db in
                    try AuditIndexWriter.insert(events, in: db)
                    return .commit
                }
            }
            return Batch(events: events, decoded: events.map(DomainEvent.init(recorded:)), atEnd: atEnd)
        }
    }

    /// One batch being read and decoded on a global queue; the projector's thread waits for it.
    private final class Job: Sendable {
        private let result = Mutex<Result<Batch, any Error>?>(nil)
        private let done = WakeSignal()

        init(reading reader: Reader) {
            DispatchQueue.global().async { [self] in
                let outcome = Result { try reader.readAndDecode() }
                result.withLock { $0 = outcome }
                done.signal()
            }
        }

        /// Blocks until the batch is read (it is called only from the projector's own thread).
        func wait() throws -> Batch {
            while true {
                if let outcome = result.withLock({ $0 }) { return try outcome.get() }
                done.wait()
            }
        }
    }
}
