import Foundation

/// Everything that can go wrong with an event log, each case saying what to do about it.
public enum EventLogError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A system call failed. `operation` names it, `path` the file, `errno` the reason.
    case io(operation: String, path: String, errno: Int32)
    /// Another process (or another writer in this one) holds the log's writer lock.
    case locked(directory: String, lockFile: String, holderPID: Int32?)
    /// A checksum or header failed anywhere but the torn tail: the log refuses writes until repaired.
    case corrupted(Corruption)
    /// An event larger than the log accepts.
    case eventTooLarge(subject: String, bytes: Int, limit: Int)
    /// A string field longer than the envelope allows.
    case fieldTooLong(field: String, bytes: Int, limit: Int)
    /// The writer was closed, or failed earlier and must be reopened.
    case writerClosed(reason: String)
    /// The directory is not an event log (or does not exist).
    case notALog(directory: String, reason: String)
    /// `append` was called with no events.
    case emptyAppend
    /// A reader asked for a sequence that is not in the log.
    case sequenceOutOfRange(requested: UInt64, first: UInt64, last: UInt64)

    public var description: String {
        switch self {
        case let .io(operation, path, code):
            return "\(operation) failed for \(path): \(String(cString: strerror(code))) (errno \(code))"
        case let .locked(directory, lockFile, pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "the log at \(directory) is already open for writing by \(holder); "
                + "it holds the lock on \(lockFile). Stop that writer, or open the log read-only."
        case let .corrupted(corruption):
            return corruption.description
        case let .eventTooLarge(subject, bytes, limit):
            return "event for \(subject) is \(bytes) bytes; the log accepts at most \(limit) bytes per event"
        case let .fieldTooLong(field, bytes, limit):
            return "event \(field) is \(bytes) bytes; at most \(limit) are allowed"
        case let .writerClosed(reason):
            return "the log writer is closed: \(reason)"
        case let .notALog(directory, reason):
            return "\(directory) is not an event log: \(reason)"
        case .emptyAppend:
            return "append was called with no events; pass at least one"
        case let .sequenceOutOfRange(requested, first, last):
            return last == 0
                ? "sequence \(requested) is not in the log: the log is empty"
                : "sequence \(requested) is not in the log, which holds \(first)…\(last)"
        }
    }
}

/// Where and how a log is damaged. Reported by the writer on open, by readers and by `log verify`.
public struct Corruption: Sendable, Equatable, CustomStringConvertible {
    /// The segment file's name, e.g. `00000000000000000001.seg`.
    public var segment: String
    /// Byte offset of the damaged batch within that segment.
    public var offset: UInt64
    /// What is wrong there.
    public var reason: String

    public init(segment: String, offset: UInt64, reason: String) {
        self.segment = segment
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "log corrupted in segment \(segment) at byte offset \(offset): \(reason). "
            + "Writes are refused until it is repaired: run `leafsync log verify` to see the damage "
            + "and `leafsync log repair --force` to move the damaged part aside."
    }
}
