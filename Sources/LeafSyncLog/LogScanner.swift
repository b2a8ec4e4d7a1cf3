/// What a scan found wrong with a log, if anything.
public enum LogProblem: Sendable, Equatable, CustomStringConvertible {
    /// The last segment ends in a partial batch: a crash cut a write short. Opening the log for
    /// writing truncates it at `validEnd`; nothing acknowledged is lost.
    case tornTail(segment: String, validEnd: UInt64, bytes: UInt64, reason: String)
    /// Damage anywhere else: a checksum or header that cannot be right.
    case corruption(Corruption)

    public var description: String {
        switch self {
        case let .tornTail(segment, validEnd, bytes, reason):
            return "torn tail in segment \(segment) at byte offset \(validEnd): \(reason); "
                + "\(bytes) bytes will be truncated when the log is next opened for writing (or by `leafsync log repair`)"
        case let .corruption(corruption):
            return corruption.description
        }
    }

    public var segment: String {
        switch self {
        case let .tornTail(segment, _, _, _): segment
        case let .corruption(c): c.segment
        }
    }

    public var offset: UInt64 {
        switch self {
        case let .tornTail(_, validEnd, _, _): validEnd
        case let .corruption(c): c.offset
        }
    }
}

/// Walks a log's segments batch by batch, checking as deep as asked, and stops at the first
/// problem: nothing after a problem is trusted.
struct LogScanner {
    enum Depth: Comparable {
        /// Header chain only: checksummed headers, sequence continuity, sizes that fit.
        case headers
        /// Plus every body's checksum.
        case checksums
        /// Plus every body decompressed and every event record parsed.
        case full
    }

    struct SegmentSummary {
        var base: UInt64
        var name: String
        var fileSize: UInt64
        /// Offset after the last good batch.
        var validEnd: UInt64 = 0
        var batches = 0
        var events: UInt64 = 0
        var rawBytes: UInt64 = 0
        var storedBytes: UInt64 = 0
        var index: SparseIndex
        var lastSequence: UInt64 { base + events - 1 }
    }

    struct Result {
        var segments: [SegmentSummary] = []
        var problem: LogProblem?
        /// Sequence of the last event in a good batch (0 when none).
        var lastSequence: UInt64 = 0
        var events: UInt64 { segments.reduce(0) { $0 + $1.events } }
    }

    let directory: LogDirectory

    /// Scans the whole log. `depth` applies to every segment but the last, `lastSegmentDepth`
    /// to the last one, where a crash leaves its traces.
    func scan(depth: Depth, lastSegmentDepth: Depth = .full) throws -> Result {
        var result = Result()
        let bases = try directory.segmentBases()
        var expected: UInt64 = 1
        for (position, base) in bases.enumerated() {
            let name = LogDirectory.segmentFileName(base: base)
            guard base == expected else {
                let reason =
                    position == 0
                    ? "the first segment starts at sequence \(base); the log must start at 1"
                    : "segment starts at sequence \(base), but the previous one ends at \(expected - 1)"
                result.problem = .corruption(Corruption(segment: name, offset: 0, reason: reason))
                return result
            }
            let isLast = position == bases.count - 1
            let reader = try SegmentReader(directory: directory, base: base)
            var summary = SegmentSummary(base: base, name: name, fileSize: try reader.file.size(), index: SparseIndex(base: base))
            let problem = try scanSegment(reader, into: &summary, isLast: isLast, depth: isLast ? lastSegmentDepth : depth)
            expected = base + summary.events
            if summary.events > 0 { result.lastSequence = summary.lastSequence }
            result.segments.append(summary)
            if let problem {
                result.problem = problem
                return result
            }
        }
        return result
    }

    private func scanSegment(_ reader: SegmentReader, into summary: inout SegmentSummary, isLast: Bool, depth: Depth) throws -> LogProblem?
    {
        var offset: UInt64 = 0
        var expected = summary.base
        func corruption(_ reason: String) -> LogProblem {
            .corruption(Corruption(segment: summary.name, offset: offset, reason: reason))
        }
        while true {
            switch try reader.probe(at: offset, fileSize: summary.fileSize, expectedSequence: expected) {
            case .end:
                return nil
            case let .incomplete(reason):
                if isLast {
                    return .tornTail(segment: summary.name, validEnd: offset, bytes: summary.fileSize - offset, reason: reason)
                }
                return corruption(reason + " in a segment that is not the last")
            case let .corrupt(reason):
                return corruption(reason)
            case let .batch(header):
                if depth >= .checksums {
                    let checked = try reader.withRawBody(of: header, at: offset) { body in
                        depth < .full || EventEncoding.isWellFormed(body: body, count: Int(header.count))
                    }
                    switch checked {
                    case let .failure(bad): return corruption(bad.reason)
                    case .success(false): return corruption("malformed event records behind a valid checksum")
                    case .success(true): break
                    }
                }
                summary.index.noteBatch(sequence: header.baseSequence, offset: offset)
                summary.batches += 1
                summary.events += UInt64(header.count)
                summary.rawBytes += UInt64(header.rawSize)
                summary.storedBytes += UInt64(header.storedSize)
                offset += header.batchSize
                summary.validEnd = offset
                expected = header.lastSequence + 1
            }
        }
    }
}
