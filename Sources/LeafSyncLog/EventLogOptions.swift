/// How a log is written. Set per log when the writer opens it.
public struct EventLogOptions: Sendable {
    /// When an append counts as done.
    public enum Durability: String, Sendable, CaseIterable {
        /// Every batch is fsynced before its append returns.
        case fsync
        /// Appends that arrive while a write is in progress share the next batch and its single
        /// fsync; an append still returns only once its batch is durable.
        case group
        /// No fsync at all: a power cut may lose recent appends. For benchmarks only.
        case none
    }

    /// How much of the log the writer checks when it opens it.
    public enum RecoveryCheck: String, Sendable, CaseIterable {
        /// Every batch's checksum in every segment (reads the whole log once).
        case full
        /// Header chain everywhere, checksums in the last segment only. For very large logs;
        /// readers still check every batch they read.
        case tail
    }

    public var durability: Durability
    /// A segment is closed and a new one started when a batch would take it past this size.
    public var segmentSizeLimit: UInt64
    /// Uncompressed bytes at which a batch is closed.
    public var batchSize: Int
    public var recoveryCheck: RecoveryCheck
    /// Create the directory when it does not exist.
    public var createIfMissing: Bool
    /// Re-encode each segment with LZ4HC (see ``LogCompactor``) on a background thread once the
    /// writer has moved past it, and the finished segments of an existing log when the writer
    /// opens it: a long-running writer keeps its log compacted without `leafsync log compact`,
    /// at the cost of CPU beside its appends. `close()` waits for the segment being compacted;
    /// queued ones are left for the next writer. Off by default.
    public var compactSealedSegments: Bool

    public init(
        durability: Durability = .group,
        segmentSizeLimit: UInt64 = 64 << 20,
        batchSize: Int = 1 << 20,
        recoveryCheck: RecoveryCheck = .full,
        createIfMissing: Bool = true,
        compactSealedSegments: Bool = false
    ) {
        self.durability = durability
        self.segmentSizeLimit = max(segmentSizeLimit, 4096)
        self.batchSize = max(batchSize, 4096)
        self.recoveryCheck = recoveryCheck
        self.createIfMissing = createIfMissing
        self.compactSealedSegments = compactSealedSegments
    }
}

/// What the writer repaired when it opened the log.
public struct RecoveryReport: Sendable, Equatable, CustomStringConvertible {
    public var segment: String
    /// Offset the segment was truncated to.
    public var offset: UInt64
    /// Bytes removed.
    public var truncatedBytes: UInt64
    public var reason: String

    public var description: String {
        "recovered a torn tail: truncated \(truncatedBytes) bytes from segment \(segment) at byte offset \(offset) (\(reason))"
    }
}
