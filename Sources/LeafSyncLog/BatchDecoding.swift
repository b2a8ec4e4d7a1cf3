import CLZ4
import Foundation
import Synchronization

/// One batch, read, checked, decompressed and split into well-formed records by whichever
/// thread decoded it. The cursor's thread materialises the events (``EventHandout``), so the
/// strings and reference counts of the events it hands out are made and, typically, dropped
/// by that one thread, instead of passing from core to core.
final class DecodedBatch: Sendable {
    let body: BatchBuffer
    /// Start and length of each record in `body`, two `UInt32`s per record.
    let records: BatchBuffer
    let baseSequence: UInt64
    let count: Int

    private init(body: BatchBuffer, records: BatchBuffer, baseSequence: UInt64, count: Int) {
        self.body = body
        self.records = records
        self.baseSequence = baseSequence
        self.count = count
    }

    /// Reads, checks, decompresses and splits into records the batch at `offset`. Every batch
    /// gets its own buffer (from `pool`) for its raw body, which its events' payloads share.
    static func decode(
        _ header: BatchHeader, at offset: UInt64, in file: LogFile, pool: BufferPool
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
        case .lz4, .lz4Compacted:
            raw = pool.take(atLeast: Int(header.rawSize))
            let destination = UnsafeMutableRawBufferPointer(start: raw.base, count: Int(header.rawSize))
            guard LZ4.decompress(UnsafeRawBufferPointer(storedBytes), into: destination) else {
                return .failure(.init(reason: "batch body does not decompress"))
            }
        }
        guard let records = split(raw, size: Int(header.rawSize), count: Int(header.count), pool: pool) else {
            return .failure(.init(reason: "malformed event records behind a valid checksum"))
        }
        return .success(DecodedBatch(body: raw, records: records, baseSequence: header.baseSequence, count: Int(header.count)))
    }

    /// Where each of the `count` records of a raw body starts and ends; nil unless the body is
    /// exactly `count` well-formed records (anything else, behind a valid checksum, means a
    /// writer bug or deliberate tampering).
    private static func split(_ raw: BatchBuffer, size: Int, count: Int, pool: BufferPool) -> BatchBuffer? {
        let records = pool.take(atLeast: 8 * max(count, 1))
        let body = UnsafeRawBufferPointer(start: raw.base, count: size)
        var reader = ByteReader(body)
        for index in 0..<count {
            guard let length = reader.read(UInt32.self), let record = reader.readBytes(Int(length)),
                  EventView(sequence: 0, record: record).isWellFormed else { return nil }
            records.base.storeBytes(of: UInt32(reader.position - record.count), toByteOffset: 8 * index, as: UInt32.self)
            records.base.storeBytes(of: length, toByteOffset: 8 * index + 4, as: UInt32.self)
        }
        return reader.remaining == 0 ? records : nil
    }
}

/// Hands out the events of a decoded batch one at a time, materialising each on the calling thread.
struct EventHandout {
    private let batch: DecodedBatch
    private let body: BatchBuffer
    private let records: UnsafeRawPointer
    private(set) var position: Int

    /// Starts after the first `skip` events (those before the sequence a cursor starts at).
    init(_ batch: DecodedBatch, skipping skip: Int) {
        self.batch = batch
        body = batch.body
        records = UnsafeRawPointer(batch.records.base)
        position = min(skip, batch.count)
    }

    var hasMore: Bool { position < batch.count }

    private static let prefetchDistance = 4

    /// The next event; its payload shares the batch's body.
    @inline(__always)
    mutating func next(strings: inout EventStrings) -> RecordedEvent? {
        guard position < batch.count else { return nil }
        let start = Int(records.load(fromByteOffset: 8 * position, as: UInt32.self))
        let length = Int(records.load(fromByteOffset: 8 * position + 4, as: UInt32.self))
        let view = EventView(
            sequence: batch.baseSequence + UInt64(position),
            record: UnsafeRawBufferPointer(start: body.base + start, count: length))
        // Another core decompressed the body: start loading the envelope of an event a few
        // places ahead, so that it is in cache by the time it is materialised.
        let ahead = position + Self.prefetchDistance
        if ahead < batch.count {
            let next = body.base + Int(records.load(fromByteOffset: 8 * ahead, as: UInt32.self))
            leafsync_prefetch(next)
            leafsync_prefetch(next + 64)
        }
        position += 1
        // Checked well formed when the batch was decoded.
        return view.materialize(strings: &strings, sharing: body)!
    }
}

/// One batch to decode, by a worker thread or, if none has started it yet, by the cursor itself.
final class DecodeJob: Sendable {
    enum Outcome: Sendable {
        case decoded(DecodedBatch)
        case corrupt(String)
        case failed(any Error)
    }

    private enum State {
        case queued, running, cancelled
        case done(Outcome)
    }

    let header: BatchHeader
    let offset: UInt64
    private let file: LogFile
    private let pool: BufferPool
    private let state = Mutex(State.queued)
    /// Signalled when the job is done, for the cursor waiting in ``outcome()``.
    private let done = WakeSignal()

    init(header: BatchHeader, offset: UInt64, file: LogFile, pool: BufferPool) {
        self.header = header
        self.offset = offset
        self.file = file
        self.pool = pool
    }

    /// Decodes the batch unless another thread has already started (or cancelled) it.
    func runIfQueued() {
        let start: Bool = state.withLock { state in
            guard case .queued = state else { return false }
            state = .running
            return true
        }
        guard start else { return }

        let outcome: Outcome
        do {
            switch try DecodedBatch.decode(header, at: offset, in: file, pool: pool) {
            case let .success(batch): outcome = .decoded(batch)
            case let .failure(bad): outcome = .corrupt(bad.reason)
            }
        } catch {
            outcome = .failed(error)
        }
        state.withLock { $0 = .done(outcome) }
        done.signal()
    }

    /// The outcome, decoding the batch on this thread if no worker has started it.
    func outcome() -> Outcome {
        runIfQueued()
        while true {
            let outcome: Outcome? = state.withLock { state in
                guard case let .done(outcome) = state else { return nil }
                state = .cancelled  // handed out: drop the reference
                return outcome
            }
            if let outcome { return outcome }
            done.wait()
        }
    }

    /// Whether the outcome is ready.
    var isDone: Bool {
        state.withLock { state in
            if case .done = state { return true }
            return false
        }
    }

    /// Skips the work if no thread has started it.
    func cancel() {
        state.withLock { state in
            if case .queued = state { state = .cancelled }
        }
    }
}

/// Decodes the next batches of a segment on worker threads while the cursor's consumer works
/// through the current one: a bounded queue of jobs, taken in order.
///
/// There is one worker per core but one: the consumer's thread materialises events and, rather
/// than wait for a batch still being decoded, decodes a later one itself. More workers would
/// only take turns on the cores with the consumer, which is on the critical path.
final class BatchReadAhead {
    /// How many batches may be in flight (decoding or decoded, not yet taken).
    let depth: Int
    private var jobs: [DecodeJob] = []
    /// Created on first use: most cursors read a batch or two and never read ahead.
    private lazy var workers: [DispatchQueue] = (0..<workerCount).map {
        DispatchQueue(label: "leafsync.log.read-ahead.\($0)", qos: .userInitiated)
    }
    private let workerCount: Int
    private var nextWorker = 0
    /// Buffers for the batches' bodies and record tables, reused once their events are gone.
    let pool: BufferPool

    init(
        depth: Int = 6,
        workers: Int = max(1, min(3, ProcessInfo.processInfo.activeProcessorCount - 1))
    ) {
        self.depth = depth
        workerCount = workers
        pool = BufferPool(limit: 2 * (depth + 2))  // a body and a record table per batch
    }

    var isEmpty: Bool { jobs.isEmpty }
    var isFull: Bool { jobs.count >= depth }
    /// The first batch not yet taken.
    var first: DecodeJob? { jobs.first }

    /// Queues the batch at `offset` for a worker thread.
    func schedule(_ header: BatchHeader, at offset: UInt64, in file: LogFile) {
        let job = DecodeJob(header: header, offset: offset, file: file, pool: pool)
        jobs.append(job)
        workers[nextWorker].async { job.runIfQueued() }
        nextWorker = (nextWorker + 1) % workers.count
    }

    /// Removes the first queued batch; its `outcome()` waits for it (or decodes it there).
    func takeFirst() -> DecodeJob {
        jobs.removeFirst()
    }

    /// Until `job` is done, decodes on this thread the queued batches no worker has started,
    /// latest first (the workers take theirs in order).
    func help(until job: DecodeJob) {
        for later in jobs.reversed() where !job.isDone { later.runIfQueued() }
    }

    /// Drops every queued batch; work not yet started is skipped.
    func cancelAll() {
        for job in jobs { job.cancel() }
        jobs.removeAll()
    }

    deinit { cancelAll() }
}
