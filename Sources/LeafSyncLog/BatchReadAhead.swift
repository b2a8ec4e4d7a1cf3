import Foundation

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
