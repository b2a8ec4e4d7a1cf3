public import Foundation
import Synchronization

/// The single writer of an event log directory.
///
/// Opening a writer takes the directory's OS lock (a second writer anywhere is refused),
/// checks the log, truncates a torn tail left by a crash (reported in ``recovery``) and refuses
/// to open a corrupted log. Appends are grouped into LZ4-compressed, checksummed batches and
/// written by one dedicated thread, so blocking `write`/`fsync` never occupies Swift's
/// cooperative pool:
///
/// ```swift
/// let writer = try EventLogWriter(directory: "/var/lib/leafsync/acme/log")
/// let range = try await writer.append([NewEvent(type: "leaflink.order.observed", source: "leaflink",
///                                              subject: "ll-order:3f2a…", payload: bytes)])
/// await writer.close()
/// ```
///
/// An append returns once its batch is on disk as ``EventLogOptions/Durability`` says. After an
/// I/O error the writer refuses further appends: reopen it, and recovery will sort out the tail.
public final class EventLogWriter: @unchecked Sendable {
    public let directory: LogDirectory
    public let options: EventLogOptions
    /// The torn tail truncated on open, if there was one.
    public let recovery: RecoveryReport?

    /// What callers and the writer thread share.
    private struct Shared {
        var pending: [Request] = []
        var closing = false
        var failure: EventLogError?
        var committedSequence: UInt64
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        var finished = false
    }
    private let shared: Mutex<Shared>
    /// Wakes the writer thread when `shared` has appends or a close for it.
    private let wake = WakeSignal()

    // Owned by the writer thread after init.
    private let lock: WriterLock
    private var segment: LogFile
    private var segmentBase: UInt64
    private var segmentSize: UInt64
    private var index: SparseIndex
    private var indexFile: LogFile
    private var nextSequence: UInt64

    /// Compacts finished segments when ``EventLogOptions/compactSealedSegments`` is on, one at a
    /// time, off the writer thread.
    private let compactionQueue = DispatchQueue(label: "leafsync.log.compaction", qos: .utility)
    private let compaction = Mutex(BackgroundCompaction())
    private struct BackgroundCompaction {
        var report = LogCompactor.Report()
        var error: EventLogError?
        /// Set by `close()`: segments queued but not started are left for later.
        var stopped = false
    }

    /// What background compaction (``EventLogOptions/compactSealedSegments``) has done so far.
    public var compactionReport: LogCompactor.Report { compaction.withLock { $0.report } }
    /// The last segment background compaction could not re-encode (it stays as it was), if any.
    public var compactionError: EventLogError? { compaction.withLock { $0.error } }

    /// Sequence of the last event whose append has completed (0 for an empty log).
    public var lastSequence: UInt64 { shared.withLock { $0.committedSequence } }

    public convenience init(directory: URL, options: EventLogOptions = EventLogOptions()) throws {
        try self.init(directory: directory.path, options: options)
    }

    public init(directory path: String, options: EventLogOptions = EventLogOptions()) throws {
        let directory = LogDirectory(path)
        self.directory = directory
        self.options = options
        if !directory.exists {
            guard options.createIfMissing else { throw EventLogError.notALog(directory: path, reason: "no such directory") }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw EventLogError.io(
                    operation: "create directory", path: path, errno: (error as NSError).code == 0 ? EIO : Int32((error as NSError).code))
            }
        }
        lock = try WriterLock(directory: directory)
        do {
            let scanner = LogScanner(directory: directory)
            var scan = try scanner.scan(depth: options.recoveryCheck == .full ? .checksums : .headers, lastSegmentDepth: .full)
            var report: RecoveryReport?
            switch scan.problem {
            case nil:
                break
            case let .corruption(corruption)?:
                throw EventLogError.corrupted(corruption)
            case let .tornTail(name, validEnd, bytes, reason)?:
                let last = scan.segments[scan.segments.count - 1]
                let file = try LogFile.openForWriting(directory.segmentPath(base: last.base), create: false)
                try file.truncate(to: validEnd)
                try file.sync()
                scan.segments[scan.segments.count - 1].fileSize = validEnd
                report = RecoveryReport(segment: name, offset: validEnd, truncatedBytes: bytes, reason: reason)
            }
            recovery = report
            if scan.segments.isEmpty {
                let file = try LogFile.openForWriting(directory.segmentPath(base: 1), create: true)
                if options.durability != .none { try file.sync(); try LogFile.syncDirectory(path) }
                scan.segments.append(.init(base: 1, name: LogDirectory.segmentFileName(base: 1), fileSize: 0, index: SparseIndex(base: 1)))
            }
            for summary in scan.segments where SparseIndex.load(directory, base: summary.base) != summary.index {
                try summary.index.write(to: directory)
            }
            let last = scan.segments[scan.segments.count - 1]
            segment = try LogFile.openForWriting(directory.segmentPath(base: last.base), create: false)
            segmentBase = last.base
            segmentSize = last.validEnd
            index = last.index
            indexFile = try LogFile.openForWriting(directory.indexPath(base: last.base), create: false)
            nextSequence = scan.lastSequence + 1
            shared = Mutex(Shared(committedSequence: scan.lastSequence))
            if options.compactSealedSegments { try LogCompactor.removeLeftovers(directory) }
        } catch {
            lock.release()
            throw error
        }
        if options.compactSealedSegments {
            for base in (try? directory.segmentBases()) ?? [] where base < segmentBase { compactInBackground(base) }
        }
        let thread = Thread { [self] in runWriterLoop() }
        thread.name = "leafsync-log-writer"
        thread.start()
    }

    /// Appends events in order and returns the sequence numbers they were given.
    /// Returns once the events are durable per the log's durability policy.
    @discardableResult
    public func append(_ events: [NewEvent]) async throws -> ClosedRange<UInt64> {
        guard !events.isEmpty else { throw EventLogError.emptyAppend }
        for event in events { try EventEncoding.validate(event) }
        let request = Request(events: events, batchSize: options.batchSize, now: .now())
        return try await withCheckedThrowingContinuation { continuation in
            var request = request
            request.continuation = continuation
            let refusal: EventLogError? = shared.withLock { shared in
                if let failure = shared.failure { return failure }
                if shared.closing { return .writerClosed(reason: "close() was called") }
                shared.pending.append(request)
                return nil
            }
            if let refusal { continuation.resume(throwing: refusal) } else { wake.signal() }
        }
    }

    /// Appends one event and returns its sequence number.
    @discardableResult
    public func append(_ event: NewEvent) async throws -> UInt64 {
        try await append([event]).lowerBound
    }

    /// Writes what is pending, then releases the lock. Appends after this fail.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = shared.withLock { shared in
                if shared.finished { return true }
                shared.closing = true
                shared.closeWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() } else { wake.signal() }
        }
    }

    // MARK: - The writer thread

    /// What the writer thread does next.
    private enum Step {
        case sleep
        case write([Request])
        case refuse([Request], EventLogError)
        case close(waiters: [CheckedContinuation<Void, Never>], failed: Bool)
    }

    private func runWriterLoop() {
        while true {
            let step: Step = shared.withLock { shared in
                if shared.pending.isEmpty {
                    guard shared.closing else { return .sleep }
                    shared.finished = true
                    defer { shared.closeWaiters = [] }
                    return .close(waiters: shared.closeWaiters, failed: shared.failure != nil)
                }
                defer { shared.pending = [] }
                if let failure = shared.failure { return .refuse(shared.pending, failure) }
                return .write(shared.pending)
            }
            switch step {
            case .sleep:
                wake.wait()
            case let .write(work):
                process(work)
            case let .refuse(work, failure):
                work.forEach { $0.continuation?.resume(throwing: failure) }
            case let .close(waiters, failed):
                if !failed, options.durability != .none { try? segment.sync() }
                // Compaction relies on the lock: skip what has not started, let the rest finish.
                compaction.withLock { $0.stopped = true }
                compactionQueue.sync {}
                lock.release()
                waiters.forEach { $0.resume() }
                return
            }
        }
    }

    private func process(_ work: [Request]) {
        let sizeBefore = segmentSize
        let baseBefore = segmentBase
        var resumed = Set<UInt64>()
        do {
            switch options.durability {
            case .fsync:
                // Every append is its own batch (or batches), each fsynced before it returns.
                for request in work {
                    let range = try write(request.sealedBatches())
                    try segment.sync()
                    publish(range.upperBound)
                    resumed.insert(request.id)
                    request.continuation?.resume(returning: range)
                }
            case .group, .none:
                // Everything that queued up while the last write ran shares this write and one fsync.
                var ranges: [ClosedRange<UInt64>] = []
                var assembler = BatchAssembler(targetRawSize: options.batchSize)
                var sealed: [SealedBatch] = []
                var first = nextSequence
                for request in work {
                    ranges.append(first...(first + UInt64(request.count) - 1))
                    first += UInt64(request.count)
                    switch request.body {
                    case let .small(encoded, count):
                        assembler.add(encoded: encoded, count: count)
                    case let .sealed(batches):
                        sealed += assembler.finish().map { SealedBatch(rawBody: $0.body, count: $0.count) }
                        sealed += batches
                    }
                }
                sealed += assembler.finish().map { SealedBatch(rawBody: $0.body, count: $0.count) }
                let written = try write(sealed)
                if options.durability == .group { try segment.sync() }
                publish(written.upperBound)
                for (request, range) in zip(work, ranges) {
                    resumed.insert(request.id)
                    request.continuation?.resume(returning: range)
                }
            }
        } catch {
            let failure = (error as? EventLogError) ?? .writerClosed(reason: "\(error)")
            // Best effort: cut back what this round wrote but did not acknowledge, so the tail is
            // clean for the next open (recovery would treat it as a torn tail anyway).
            if segmentBase == baseBefore, resumed.isEmpty { try? segment.truncate(to: sizeBefore) }
            shared.withLock { $0.failure = .writerClosed(reason: "an earlier write failed (\(failure)); reopen the log to recover") }
            for request in work where !resumed.contains(request.id) {
                request.continuation?.resume(throwing: failure)
            }
        }
    }

    private func publish(_ sequence: UInt64) {
        shared.withLock { $0.committedSequence = sequence }
    }

    /// Writes batches at the end of the log, rolling segments as needed.
    private func write(_ batches: [SealedBatch]) throws -> ClosedRange<UInt64> {
        let first = nextSequence
        for batch in batches {
            let size = UInt64(BatchHeader.size + batch.body.count)
            if segmentSize > 0, segmentSize + size > options.segmentSizeLimit { try roll() }
            let header = batch.header(baseSequence: nextSequence)
            try segment.write(header.encoded(), at: segmentSize)
            try segment.write(batch.body, at: segmentSize + UInt64(BatchHeader.size))
            if index.wantsEntry(at: segmentSize) {
                let entry = SparseIndex.Entry(sequence: nextSequence, offset: segmentSize)
                index.entries.append(entry)
                let at = UInt64(SparseIndex.headerSize + (index.entries.count - 1) * SparseIndex.entrySize)
                try indexFile.write(SparseIndex.encodeEntry(entry), at: at)
            }
            segmentSize += size
            nextSequence += UInt64(batch.count)
        }
        return first...(nextSequence - 1)
    }

    /// Seals the current segment and starts the next one, named by the next sequence.
    private func roll() throws {
        if options.durability != .none { try segment.sync() }
        let base = nextSequence
        let path = directory.segmentPath(base: base)
        let newSegment = try LogFile.createExclusive(path)
        let newIndex = SparseIndex(base: base)
        try newIndex.write(to: directory)
        if options.durability != .none { try LogFile.syncDirectory(directory.path) }
        segment = newSegment
        indexFile = try LogFile.openForWriting(directory.indexPath(base: base), create: false)
        let sealed = segmentBase
        segmentBase = base
        segmentSize = 0
        index = newIndex
        if options.compactSealedSegments { compactInBackground(sealed) }
    }

    /// Queues the compaction of a segment nothing appends to any more.
    private func compactInBackground(_ base: UInt64) {
        compactionQueue.async { [self] in
            guard var report = compaction.withLock({ $0.stopped ? nil : $0.report }) else { return }
            do {
                _ = try LogCompactor.compactSegment(base: base, in: directory, report: &report)
                compaction.withLock { $0.report = report }
            } catch {
                let failure = (error as? EventLogError) ?? .io(operation: "compact", path: directory.segmentPath(base: base), errno: EIO)
                compaction.withLock { $0.error = failure }
            }
        }
    }
}

extension EventLogWriter {
    /// One append call, encoded on the caller's thread.
    struct Request: Sendable {
        enum Body {
            /// Small appends are merged with their neighbours into one batch by the writer thread.
            case small(encoded: [UInt8], count: Int)
            /// Large appends are compressed by the caller, in parallel with the writer.
            case sealed([SealedBatch])
        }

        static let smallLimit = 64 << 10
        /// The last request id given out.
        private static let counter = Mutex<UInt64>(0)

        let id: UInt64
        let count: Int
        let body: Body
        var continuation: CheckedContinuation<ClosedRange<UInt64>, any Error>?

        init(events: [NewEvent], batchSize: Int, now: Timestamp) {
            id = Self.counter.withLock { last in
                last += 1
                return last
            }
            count = events.count
            var assembler = BatchAssembler(targetRawSize: batchSize)
            for event in events { assembler.add(event, defaultTime: now) }
            let bodies = assembler.finish()
            if bodies.count == 1, bodies[0].body.count < Self.smallLimit {
                body = .small(encoded: bodies[0].body, count: bodies[0].count)
            } else {
                body = .sealed(bodies.map { SealedBatch(rawBody: $0.body, count: $0.count) })
            }
        }

        func sealedBatches() -> [SealedBatch] {
            switch body {
            case let .small(encoded, count): [SealedBatch(rawBody: encoded, count: count)]
            case let .sealed(batches): batches
            }
        }
    }
}
