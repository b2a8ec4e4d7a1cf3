import Foundation

/// Sizes and counts of a log, as printed by `leafsync log stats`.
public struct LogStats: Sendable, Equatable, Codable {
    public var events: UInt64
    public var segments: Int
    public var batches: Int
    /// 0 when the log is empty.
    public var firstSequence: UInt64
    public var lastSequence: UInt64
    /// Segment and index files together.
    public var bytesOnDisk: UInt64
    /// The events' encoded size before compression.
    public var uncompressedBytes: UInt64
    /// `uncompressedBytes / bytesOnDisk` (0 for an empty log).
    public var compressionRatio: Double

    enum CodingKeys: String, CodingKey {
        case events, segments, batches
        case firstSequence = "first_seq", lastSequence = "last_seq"
        case bytesOnDisk = "bytes_on_disk", uncompressedBytes = "uncompressed_bytes", compressionRatio = "compression_ratio"
    }
}

/// The result of checking a log: its stats up to the first problem, and the problem if any.
public struct LogInspection: Sendable {
    public var stats: LogStats
    /// The first problem found; nil when the log is sound.
    public var problem: LogProblem?
    public var isSound: Bool { problem == nil }
}

/// What `repair` did.
public enum RepairOutcome: Sendable, Equatable, CustomStringConvertible {
    case nothingToRepair(lastSequence: UInt64)
    case truncatedTornTail(segment: String, offset: UInt64, bytes: UInt64)
    /// Damage in the middle: the damaged part and everything after it was moved to `quarantine`.
    /// `cutFirst...cutLast` are the sequences no longer in the log; `exact` is false when the
    /// damage hides how far the cut really went (then at least that many were cut).
    case quarantined(segment: String, offset: UInt64, quarantine: String, cutFirst: UInt64, cutLast: UInt64, exact: Bool)
    /// Damage in the middle, but `--force` was not given: nothing was changed.
    case refusedWithoutForce(problem: LogProblem, wouldCutFrom: UInt64, wouldCutTo: UInt64, exact: Bool)

    public var description: String {
        switch self {
        case let .nothingToRepair(last):
            return "the log is sound (\(last) events); nothing to repair"
        case let .truncatedTornTail(segment, offset, bytes):
            return "truncated a torn tail: \(bytes) bytes of segment \(segment) from byte offset \(offset). No acknowledged event was lost."
        case let .quarantined(segment, offset, quarantine, first, last, exact):
            let count = last >= first ? last - first + 1 : 0
            return "moved the damaged part of segment \(segment) (from byte offset \(offset)) and every later segment to \(quarantine). "
                + "This cut \(exact ? "" : "at least ")\(count) events (sequences \(first)…\(last)\(exact ? "" : " or more")); "
                + "the log now ends at sequence \(first - 1) and accepts writes again."
        case let .refusedWithoutForce(problem, first, last, exact):
            let count = last >= first ? last - first + 1 : 0
            return "\(problem)\nRepairing this would move the damaged part and everything after it to quarantine/, "
                + "cutting \(exact ? "" : "at least ")\(count) events (sequences \(first)…\(last)). Run again with --force to do it."
        }
    }
}

/// Offline checks and repairs of a log directory: `verify`, `stats` and `repair`.
public enum LogInspector {
    /// Checks every batch: header, checksum, decompression and every record.
    public static func verify(directory: String) throws -> LogInspection {
        try inspect(directory: directory, depth: .full)
    }

    /// Counts from batch headers only (fast; checks the header chain but not bodies).
    public static func stats(directory: String) throws -> LogInspection {
        try inspect(directory: directory, depth: .headers)
    }

    static func inspect(directory path: String, depth: LogScanner.Depth) throws -> LogInspection {
        let directory = LogDirectory(path)
        guard directory.exists else { throw EventLogError.notALog(directory: path, reason: "no such directory") }
        let scan = try LogScanner(directory: directory).scan(depth: depth, lastSegmentDepth: depth)
        var bytes: UInt64 = 0
        for summary in scan.segments {
            bytes += summary.fileSize
            if let attributes = try? FileManager.default.attributesOfItem(atPath: directory.indexPath(base: summary.base)),
                let size = attributes[.size] as? NSNumber
            {
                bytes += size.uint64Value
            }
        }
        let raw = scan.segments.reduce(0) { $0 + $1.rawBytes }
        let events = scan.events
        let stats = LogStats(
            events: events, segments: scan.segments.count, batches: scan.segments.reduce(0) { $0 + $1.batches },
            firstSequence: events > 0 ? 1 : 0, lastSequence: scan.lastSequence, bytesOnDisk: bytes,
            uncompressedBytes: raw, compressionRatio: bytes > 0 ? Double(raw) / Double(bytes) : 0
        )
        return LogInspection(stats: stats, problem: scan.problem)
    }

    /// Repairs a log: truncates a torn tail; with `force`, moves damage in the middle and
    /// everything after it aside to `quarantine/<time>/`. Takes the writer lock while it works.
    public static func repair(directory path: String, force: Bool) throws -> RepairOutcome {
        let directory = LogDirectory(path)
        guard directory.exists else { throw EventLogError.notALog(directory: path, reason: "no such directory") }
        let lock = try WriterLock(directory: directory)
        defer { lock.release() }
        let scan = try LogScanner(directory: directory).scan(depth: .full)
        switch scan.problem {
        case nil:
            return .nothingToRepair(lastSequence: scan.lastSequence)
        case let .tornTail(segment, validEnd, bytes, _)?:
            let base = scan.segments[scan.segments.count - 1].base
            let file = try LogFile.openForWriting(directory.segmentPath(base: base), create: false)
            try file.truncate(to: validEnd)
            try file.sync()
            try? FileManager.default.removeItem(atPath: directory.indexPath(base: base))
            return .truncatedTornTail(segment: segment, offset: validEnd, bytes: bytes)
        case let .corruption(corruption)?:
            let bases = try directory.segmentBases()
            let damagedBase = bases.first { LogDirectory.segmentFileName(base: $0) == corruption.segment } ?? bases.last ?? 1
            let (cutLast, exact) = try lastSequenceBeyond(
                directory: directory, damagedBase: damagedBase, offset: corruption.offset,
                bases: bases, lastGood: scan.lastSequence)
            let cutFirst = scan.lastSequence + 1
            guard force else {
                return .refusedWithoutForce(problem: .corruption(corruption), wouldCutFrom: cutFirst, wouldCutTo: cutLast, exact: exact)
            }
            let quarantine = try moveAside(directory: directory, damagedBase: damagedBase, offset: corruption.offset, bases: bases)
            return .quarantined(
                segment: corruption.segment, offset: corruption.offset, quarantine: quarantine,
                cutFirst: cutFirst, cutLast: max(cutLast, cutFirst), exact: exact)
        }
    }

    /// The highest sequence that the damaged region and later segments can be shown to hold.
    private static func lastSequenceBeyond(
        directory: LogDirectory, damagedBase: UInt64, offset: UInt64, bases: [UInt64], lastGood: UInt64
    ) throws -> (UInt64, Bool) {
        var highest = lastGood
        var exact = true
        // Inside the damaged segment: trust a header whose own checksum holds, then walk on.
        let reader = try SegmentReader(directory: directory, base: damagedBase)
        let size = try reader.file.size()
        var position = offset
        var expected = lastGood + 1
        var walked = false
        while position + UInt64(BatchHeader.size) <= size {
            let bytes = try reader.file.read(count: BatchHeader.size, at: position)
            guard case let .success(header) = bytes.withUnsafeBytes({ BatchHeader.decode($0) }),
                header.baseSequence == expected
            else { break }
            highest = max(highest, header.lastSequence)
            expected = header.lastSequence + 1
            position += header.batchSize
            walked = true
        }
        if !walked || position < size { exact = false }
        // Later segments: their names give their first sequence; walk their headers.
        for base in bases where base > damagedBase {
            highest = max(highest, base - 1)
            let later = try SegmentReader(directory: directory, base: base)
            let laterSize = try later.file.size()
            var at: UInt64 = 0
            var next = base
            while case let .batch(header) = try later.probe(at: at, fileSize: laterSize, expectedSequence: next) {
                highest = max(highest, header.lastSequence)
                at += header.batchSize
                next = header.lastSequence + 1
            }
            if at < laterSize { exact = false }
        }
        return (highest, exact)
    }

    private static func moveAside(directory: LogDirectory, damagedBase: UInt64, offset: UInt64, bases: [UInt64]) throws -> String {
        let stamp = Timestamp.now().description.replacingOccurrences(of: ":", with: "-")
        let quarantine = directory.path + "/quarantine/" + stamp
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: quarantine, withIntermediateDirectories: true)
        } catch {
            throw EventLogError.io(operation: "create quarantine directory", path: quarantine, errno: EIO)
        }
        let damagedName = LogDirectory.segmentFileName(base: damagedBase)
        let damagedPath = directory.segmentPath(base: damagedBase)
        if offset == 0 {
            guard rename(damagedPath, quarantine + "/" + damagedName) == 0 else {
                throw EventLogError.io(operation: "move to quarantine", path: damagedPath, errno: errno)
            }
        } else {
            let file = try LogFile.openForWriting(damagedPath, create: false)
            let size = try file.size()
            let tail = try LogFile.openForWriting(quarantine + "/" + damagedName + ".from-\(offset)", create: true)
            var position = offset
            while position < size {
                let chunk = try file.read(count: Int(min(4 << 20, size - position)), at: position)
                if chunk.isEmpty { break }
                try tail.write(chunk, at: position - offset)
                position += UInt64(chunk.count)
            }
            try tail.sync()
            try file.truncate(to: offset)
            try file.sync()
        }
        try? manager.removeItem(atPath: directory.indexPath(base: damagedBase))
        for base in bases where base > damagedBase {
            let name = LogDirectory.segmentFileName(base: base)
            guard rename(directory.segmentPath(base: base), quarantine + "/" + name) == 0 else {
                throw EventLogError.io(operation: "move to quarantine", path: directory.segmentPath(base: base), errno: errno)
            }
            try? manager.removeItem(atPath: directory.indexPath(base: base))
        }
        try LogFile.syncDirectory(quarantine)
        try LogFile.syncDirectory(directory.path)
        return quarantine
    }
}
