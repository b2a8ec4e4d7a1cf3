import Foundation

/// The materialised events of one batch, handed out by moving them out one at a time (so the
/// cursor neither retains nor releases anything per event). The payloads share one buffer.
final class DecodedBatch: @unchecked Sendable {
    // Safe to send: built by one thread, then handed to the cursor's thread through a lock
    // (`DecodeJob`), and from then on only that thread touches it.
    private let storage: BatchBuffer
    private let events: UnsafeMutablePointer<RecordedEvent>
    private let count: Int
    private var position = 0

    private init(storage: BatchBuffer, count: Int) {
        self.storage = storage
        self.events = storage.base.assumingMemoryBound(to: RecordedEvent.self)
        self.count = count
    }

    deinit {
        (events + position).deinitialize(count: count - position)
    }

    /// Drops the first `n` events (those before the sequence a cursor starts at).
    func skip(_ n: Int) {
        let n = min(n, count - position)
        (events + position).deinitialize(count: n)
        position += n
    }

    var hasMore: Bool { position < count }

    /// The next event, moved out of the batch.
    @inline(__always)
    func next() -> RecordedEvent? {
        guard position < count else { return nil }
        defer { position += 1 }
        return (events + position).move()
    }

    /// Reads, checks, decompresses and materialises the batch at `offset`. Every batch gets its
    /// own buffer (from `pool`) for its raw body, which its events' payloads share.
    static func decode(
        _ header: BatchHeader, at offset: UInt64, in file: PosixFile, pool: BufferPool
    ) throws -> Result<DecodedBatch, SegmentReader.CorruptBody> {
        let storedSize = Int(header.storedSize)
        let stored = pool.take(atLeast: storedSize)
        let storedBytes = UnsafeMutableRawBufferPointer(start: stored.base, count: storedSize)
        guard try file.read(into: storedBytes, at: offset + UInt64(BatchHeader.size)) == storedSize else {
            return .failure(.init(reason: "batch body cut short"))
        }
        guard CRC32C.checksum(UnsafeRawBufferPointer(storedBytes)) == header.bodyChecksum else {
            return .failure(.init(reason: "batch body checksum mismatch"))
        }
        let raw: BatchBuffer
        switch header.codec {
        case .raw:
            raw = stored
        case .lz4:
            raw = pool.take(atLeast: Int(header.rawSize))
            let destination = UnsafeMutableRawBufferPointer(start: raw.base, count: Int(header.rawSize))
            guard LZ4.decompress(UnsafeRawBufferPointer(storedBytes), into: destination) else {
                return .failure(.init(reason: "batch body does not decompress"))
            }
        }
        guard let batch = materialize(raw, size: Int(header.rawSize), baseSequence: header.baseSequence, count: Int(header.count), pool: pool) else {
            return .failure(.init(reason: "malformed event records behind a valid checksum"))
        }
        return .success(batch)
    }

    /// Materialises every event of a raw body; nil when the body is not well formed (which,
    /// behind a valid checksum, means a writer bug or deliberate tampering).
    private static func materialize(_ raw: BatchBuffer, size: Int, baseSequence: UInt64, count: Int, pool: BufferPool) -> DecodedBatch? {
        let storage = pool.take(atLeast: max(count, 1) * MemoryLayout<RecordedEvent>.stride)
        let events = storage.base.bindMemory(to: RecordedEvent.self, capacity: max(count, 1))
        // A fresh interner per batch: its strings are then retained by this thread and released
        // by the consumer's, without both cores writing the same reference counts.
        var strings = StringInterner()
        var reader = ByteReader(UnsafeRawBufferPointer(start: raw.base, count: size))
        var made = 0
        while made < count,
              let length = reader.read(UInt32.self), let record = reader.readBytes(Int(length)),
              EventView(sequence: baseSequence + UInt64(made), record: record)
                  .materialize(into: events + made, strings: &strings, sharing: raw) {
            made += 1
        }
        guard made == count, reader.remaining == 0 else {
            events.deinitialize(count: made)
            return nil
        }
        return DecodedBatch(storage: storage, count: count)
    }
}

/// One batch to decode, by a worker thread or, if none has started it yet, by the cursor itself.
final class DecodeJob: @unchecked Sendable {
    // Safe to share: `state` is only read or written under `condition`'s lock; the other
    // properties are immutable and Sendable.
    enum Outcome {
        case decoded(DecodedBatch)
        case corrupt(String)
        case failed(Error)
    }

    private enum State {
        case queued, running, cancelled
        case done(Outcome)
    }

    let header: BatchHeader
    let offset: UInt64
    private let file: PosixFile
    private let pool: BufferPool
    private let condition = NSCondition()
    private var state = State.queued

    init(header: BatchHeader, offset: UInt64, file: PosixFile, pool: BufferPool) {
        self.header = header
        self.offset = offset
        self.file = file
        self.pool = pool
    }

    /// Decodes the batch unless another thread has already started (or cancelled) it.
    func runIfQueued() {
        condition.lock()
        guard case .queued = state else { condition.unlock(); return }
        state = .running
        condition.unlock()

        let outcome: Outcome
        do {
            switch try DecodedBatch.decode(header, at: offset, in: file, pool: pool) {
            case let .success(batch): outcome = .decoded(batch)
            case let .failure(bad): outcome = .corrupt(bad.reason)
            }
        } catch {
            outcome = .failed(error)
        }
        condition.lock()
        state = .done(outcome)
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome, decoding the batch on this thread if no worker has started it.
    func outcome() -> Outcome {
        runIfQueued()
        condition.lock()
        defer { condition.unlock() }
        while true {
            if case let .done(outcome) = state {
                state = .cancelled  // handed out: drop the reference
                return outcome
            }
            condition.wait()
        }
    }

    /// Skips the work if no thread has started it.
    func cancel() {
        condition.lock()
        if case .queued = state { state = .cancelled }
        condition.unlock()
    }
}

/// Decodes the next batches of a segment on worker threads while the cursor's consumer works
/// through the current one: a bounded queue of jobs, taken in order.
final class BatchReadAhead {
    /// How many batches may be in flight (decoding or decoded, not yet taken).
    let depth: Int
    private var jobs: [DecodeJob] = []
    /// Buffers for the batches' bodies, reused once their events are gone.
    let pool: BufferPool

    init(depth: Int = max(2, min(4, ProcessInfo.processInfo.activeProcessorCount + 1))) {
        self.depth = depth
        pool = BufferPool(limit: 2 * (depth + 2))  // a body and an events array per batch
    }

    var isEmpty: Bool { jobs.isEmpty }
    var isFull: Bool { jobs.count >= depth }
    /// The first batch not yet taken.
    var first: DecodeJob? { jobs.first }

    /// Queues the batch at `offset` for a worker thread.
    func schedule(_ header: BatchHeader, at offset: UInt64, in file: PosixFile) {
        let job = DecodeJob(header: header, offset: offset, file: file, pool: pool)
        jobs.append(job)
        DispatchQueue.global(qos: .userInitiated).async { job.runIfQueued() }
    }

    /// Removes the first queued batch; its `outcome()` waits for it (or decodes it there).
    func takeFirst() -> DecodeJob {
        jobs.removeFirst()
    }

    /// Drops every queued batch; work not yet started is skipped.
    func cancelAll() {
        for job in jobs { job.cancel() }
        jobs.removeAll()
    }

    deinit { cancelAll() }
}
