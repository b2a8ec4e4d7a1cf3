public import Foundation

/// Reads an event log, also while another process writes it.
///
/// Readers never take the writer's lock and never modify files. Every batch they read is
/// checked against its checksum; a partial batch at the end of the log is treated as not yet
/// written (a writer may be in the middle of it), anything else that fails is an
/// ``EventLogError/corrupted(_:)`` naming segment and offset.
///
/// ```swift
/// let reader = try EventLogReader(directory: "/var/lib/leafsync/acme/log")
/// var cursor = try reader.cursor(from: 1)
/// while let event = try cursor.next() { … }           // synchronous, fastest
/// for try await event in reader.events(from: 1) { … } // the same, as an AsyncSequence
/// for try await event in reader.follow(from: 1) { … } // never ends: waits for new events
/// ```
public struct EventLogReader: Sendable {
    public let directory: LogDirectory

    public init(directory path: String) throws {
        directory = LogDirectory(path)
        guard directory.exists else { throw EventLogError.notALog(directory: path, reason: "no such directory") }
    }

    public init(directory url: URL) throws {
        try self.init(directory: url.path)
    }

    /// A cursor positioned at `sequence` (1 for the start). Positions past the end are allowed:
    /// the cursor then yields the events as they are written.
    public func cursor(from sequence: UInt64 = 1) throws -> EventCursor {
        try EventCursor(directory: directory, from: max(sequence, 1))
    }

    /// The events from `sequence` to the current end of the log.
    public func events(from sequence: UInt64 = 1) -> EventSequence {
        EventSequence(reader: self, start: sequence, follow: false, clock: ContinuousClock())
    }

    /// The events from `sequence` on, waiting for new ones at the end (without polling the disk
    /// in a loop: the reader sleeps until the directory changes, or a safety tick of `clock`
    /// passes). Ends only when the task is cancelled or the log is damaged.
    public func follow(from sequence: UInt64 = 1, clock: any Clock<Duration> = ContinuousClock()) -> EventSequence {
        EventSequence(reader: self, start: sequence, follow: true, clock: clock)
    }

    /// Every event from `sequence` to the current end, in one array. Convenient for small logs and tests.
    public func readAll(from sequence: UInt64 = 1) throws -> [RecordedEvent] {
        let cursor = try cursor(from: sequence)
        var events: [RecordedEvent] = []
        while let event = try cursor.next() { events.append(event) }
        return events
    }

    /// The sequence of the last complete event in the log (0 when empty), from batch headers only.
    public func lastSequence() throws -> UInt64 {
        let bases = try directory.segmentBases()
        guard let base = bases.last else { return 0 }
        let reader = try SegmentReader(directory: directory, base: base)
        let size = try reader.file.size()
        var offset: UInt64 = 0
        var expected = base
        let start = SparseIndex.load(directory, base: base)?.entries.last
        if let start, case .batch = try reader.probe(at: start.offset, fileSize: size, expectedSequence: start.sequence) {
            offset = start.offset
            expected = start.sequence
        }
        while case let .batch(header) = try reader.probe(at: offset, fileSize: size, expectedSequence: expected) {
            offset += header.batchSize
            expected = header.lastSequence + 1
        }
        return expected - 1
    }
}

/// Reads events one at a time, batch by batch. Not thread-safe: one per consumer.
///
/// A cursor that reads on past its first batch keeps the next few batches of the segment
/// decoding on a worker thread (one per core but one) while `next()` materialises events on the
/// caller's thread; rather than wait for a batch still being decoded, the caller decodes a later
/// one. Events share their batch's decompressed buffer (see ``EventPayload``).
public final class EventCursor {
    let directory: LogDirectory
    /// The sequence the next returned event will have.
    public private(set) var nextSequence: UInt64
    private var segment: SegmentReader?
    private var segmentEnd: UInt64 = 0
    /// Where the next batch not yet decoded or scheduled starts, and the sequence it must start with.
    private var offset: UInt64 = 0
    private var segmentNextSequence: UInt64 = 1
    /// The batch `next()` is handing out, and where it starts.
    private var current: EventHandout?
    private var currentStart: (offset: UInt64, sequence: UInt64) = (0, 1)
    /// Batches after `current`, decoding on worker threads.
    private let readAhead = BatchReadAhead()
    /// Event types and sources seen, shared by the events this cursor returns.
    private var strings = EventStrings()
    /// Batches decoded in a row since the cursor was positioned; from the second on, it reads ahead.
    private var batchesInARow = 0

    init(directory: LogDirectory, from sequence: UInt64) throws {
        self.directory = directory
        self.nextSequence = sequence
        try position(at: sequence)
    }

    /// The next event, or nil at the current end of the log (call again later for more).
    public func next() throws -> RecordedEvent? {
        while true {
            if let event = current?.next(strings: &strings) {
                nextSequence = event.sequence + 1
                return event
            }
            current = nil
            guard try loadNextBatch(visit: nil) else { return nil }
        }
    }

    /// Visits every event up to the current end of the log with a zero-copy view: the fastest
    /// scan, for consumers that need only some fields or copy the payload themselves.
    /// Returns how many events were visited.
    @discardableResult
    public func forEachView(_ body: (EventView) -> Void) throws -> UInt64 {
        try withoutActuallyEscaping(body) { body in
            var visited: UInt64 = 0
            let counting: (EventView) -> Void = { view in
                visited += 1
                body(view)
            }
            // Events decoded for `next()` but not yet returned are read again from their batch.
            if current?.hasMore == true {
                (offset, segmentNextSequence) = currentStart
            } else if let first = readAhead.first {
                (offset, segmentNextSequence) = (first.offset, first.header.baseSequence)
            }
            current = nil
            readAhead.cancelAll()
            while try loadNextBatch(visit: counting) {}
            return visited
        }
    }

    /// Decodes the batch at the current offset into `current`: here, or from the read-ahead
    /// when this is not the first batch in a row.
    private func decode(_ header: BatchHeader, reader: SegmentReader) throws -> Bool {
        let job = DecodeJob(header: header, offset: offset, file: reader.file, pool: readAhead.pool)
        offset += header.batchSize
        segmentNextSequence = header.lastSequence + 1
        batchesInARow += 1
        if batchesInARow > 1 { fillReadAhead(reader) }
        return try install(job, reader: reader)
    }

    /// Takes the oldest read-ahead batch, queueing more behind it first.
    private func takeReadAhead(reader: SegmentReader) throws -> Bool {
        let job = readAhead.takeFirst()
        fillReadAhead(reader)
        readAhead.help(until: job)
        return try install(job, reader: reader)
    }

    /// Queues the following whole batches of this segment, up to the read-ahead's depth.
    /// Stops at anything that is not a whole batch: reading it in order reports it as before.
    private func fillReadAhead(_ reader: SegmentReader) {
        while !readAhead.isFull, offset < segmentEnd,
            case let .batch(header)? = try? reader.probe(at: offset, fileSize: segmentEnd, expectedSequence: segmentNextSequence)
        {
            readAhead.schedule(header, at: offset, in: reader.file)
            offset += header.batchSize
            segmentNextSequence = header.lastSequence + 1
        }
    }

    /// Makes a decoded batch current, or throws its failure after rewinding to it, so the next
    /// call fails the same way.
    private func install(_ job: DecodeJob, reader: SegmentReader) throws -> Bool {
        let header = job.header
        switch job.outcome() {
        case let .decoded(batch):
            current = EventHandout(batch, skipping: Int(nextSequence > header.baseSequence ? nextSequence - header.baseSequence : 0))
            currentStart = (job.offset, header.baseSequence)
            return true
        case let .corrupt(reason):
            rewind(to: job)
            throw EventLogError.corrupted(Corruption(segment: reader.name, offset: job.offset, reason: reason))
        case let .failed(error):
            rewind(to: job)
            throw error
        }
    }

    private func rewind(to job: DecodeJob) {
        readAhead.cancelAll()
        (offset, segmentNextSequence) = (job.offset, job.header.baseSequence)
        batchesInARow = 0
    }

    /// Finds the segment and batch holding `sequence`, using the sparse index as a hint.
    private func position(at sequence: UInt64) throws {
        let bases = try directory.segmentBases()
        current = nil
        readAhead.cancelAll()
        batchesInARow = 0
        guard let base = bases.last(where: { $0 <= sequence }) ?? bases.first else {
            segment = nil
            return
        }
        let reader = try SegmentReader(directory: directory, base: base)
        segment = reader
        segmentEnd = try reader.file.size()
        offset = 0
        var expected = base
        if let hint = SparseIndex.load(directory, base: base)?.floor(sequence),
            case .batch = try reader.probe(at: hint.offset, fileSize: segmentEnd, expectedSequence: hint.sequence)
        {
            offset = hint.offset
            expected = hint.sequence
        }
        // Skip whole batches before the wanted sequence, reading headers only.
        while case let .batch(header) = try reader.probe(at: offset, fileSize: segmentEnd, expectedSequence: expected),
            header.lastSequence < sequence
        {
            offset += header.batchSize
            expected = header.lastSequence + 1
        }
        segmentNextSequence = expected
    }

    /// Reads the next batch: decoded into the buffer, or handed record by record to `visit`.
    /// Returns false at the current end of the log.
    private func loadNextBatch(visit: ((EventView) -> Void)?) throws -> Bool {
        if segment == nil {
            try position(at: nextSequence)
            guard segment != nil else { return false }
        }
        guard let reader = segment else { return false }
        if visit == nil, !readAhead.isEmpty { return try takeReadAhead(reader: reader) }
        if offset >= segmentEnd { segmentEnd = try reader.file.size() }
        switch try reader.probe(at: offset, fileSize: segmentEnd, expectedSequence: segmentNextSequence) {
        case let .batch(header):
            if visit == nil { return try decode(header, reader: reader) }
            let skip = Int(nextSequence > header.baseSequence ? nextSequence - header.baseSequence : 0)
            let outcome = try reader.withRawBody(of: header, at: offset) { body -> Bool in
                var ok = true
                var index = 0
                EventEncoding.forEachRecord(body: body, baseSequence: header.baseSequence, count: Int(header.count)) { view in
                    if index >= skip { visit?(view) }
                    index += 1
                    return true
                } onMalformed: {
                    ok = false
                }
                return ok
            }
            switch outcome {
            case let .failure(bad):
                throw EventLogError.corrupted(Corruption(segment: reader.name, offset: offset, reason: bad.reason))
            case .success(false):
                throw EventLogError.corrupted(
                    Corruption(segment: reader.name, offset: offset, reason: "malformed event records behind a valid checksum"))
            case .success(true):
                break
            }
            nextSequence = max(nextSequence, header.lastSequence + 1)
            offset += header.batchSize
            segmentNextSequence = header.lastSequence + 1
            return true
        case .end, .incomplete:
            // At the end of this segment: move on if the writer has rolled to a new one.
            let bases = try directory.segmentBases()
            guard let following = bases.first(where: { $0 > reader.base }) else {
                segmentEnd = try reader.file.size()
                return false
            }
            // The segment may have grown before it was sealed: finish it first.
            let size = try reader.file.size()
            if size > segmentEnd {
                segmentEnd = size
                return try loadNextBatch(visit: visit)
            }
            guard following == segmentNextSequence else {
                throw EventLogError.corrupted(
                    Corruption(
                        segment: LogDirectory.segmentFileName(base: following), offset: 0,
                        reason: "segment starts at sequence \(following), but the previous one ends at \(segmentNextSequence - 1)"))
            }
            let next = try SegmentReader(directory: directory, base: following)
            segment = next
            segmentEnd = try next.file.size()
            offset = 0
            return try loadNextBatch(visit: visit)
        case let .corrupt(reason):
            throw EventLogError.corrupted(Corruption(segment: reader.name, offset: offset, reason: reason))
        }
    }
}
