import Dispatch
import LeafSyncDomain
import LeafSyncLog

/// Reads the log in batches for the projector and decodes each batch's payloads into domain
/// events on another core, one batch ahead: while the projector reduces and commits batch N,
/// batch N+1 is being decoded (decoding is pure, so it can run anywhere; reducing cannot).
final class DecodingReader {
    /// A batch and its decoded events, index for index.
    struct Batch {
        var events: [RecordedEvent]
        var decoded: [DomainEvent]
        /// The log had no more events when this batch was read.
        var atEnd: Bool
    }

    private let cursor: EventCursor
    private let batchSize: Int
    private var ahead: Job?

    init(cursor: EventCursor, batchSize: Int) {
        self.cursor = cursor
        self.batchSize = batchSize
    }

    /// The next batch (empty at the end of the log). A batch read ahead is returned only if it
    /// holds events, so an empty answer always comes from a read made during this call: a caller
    /// that notes the log watcher's generation before calling never misses an append.
    func next() throws -> Batch {
        if let job = ahead {
            ahead = nil
            let batch = job.wait()
            if !batch.events.isEmpty {
                if !batch.atEnd { ahead = Job(try read()) }
                return batch
            }
        }
        let (events, atEnd) = try read()
        let batch = Batch(events: events, decoded: events.map(DomainEvent.init(recorded:)), atEnd: atEnd)
        if !atEnd { ahead = Job(try read()) }
        return batch
    }

    /// Waits for the batch being decoded, so nothing runs after the projector stops.
    func finish() { _ = ahead?.wait(); ahead = nil }

    private func read() throws -> ([RecordedEvent], Bool) {
        var events: [RecordedEvent] = []
        events.reserveCapacity(batchSize)
        while events.count < batchSize {
            guard let event = try cursor.next() else { return (events, true) }
            events.append(event)
        }
        return (events, false)
    }

    /// One batch being decoded on a global queue.
    private final class Job: @unchecked Sendable {
        // Written once by the decoding closure before `done` is signalled, read only after
        // `wait()` has seen the signal: the semaphore orders the two.
        private var result: Batch
        private let done = DispatchSemaphore(value: 0)

        init(_ read: ([RecordedEvent], Bool)) {
            result = Batch(events: read.0, decoded: [], atEnd: read.1)
            DispatchQueue.global().async { [self] in
                result.decoded = result.events.map(DomainEvent.init(recorded:))
                done.signal()
            }
        }

        func wait() -> Batch {
            done.wait()
            done.signal()  // a second wait returns at once
            return result
        }
    }
}
