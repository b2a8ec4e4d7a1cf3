import Foundation

/// Microseconds since the Unix epoch, UTC. The log's only notion of time.
///
/// The log stamps an event when it is appended unless the caller supplies a time; the reducer
/// reads time only from events, never from a clock.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(_ date: Date) {
        self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The current wall-clock time. Only the I/O edge (the log writer, fetchers) calls this.
    public static func now() -> Timestamp { Timestamp(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// ISO-8601 with microseconds, UTC, e.g. `2026-11-27T16:35:51.123456Z`.
    public var description: String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let micros = microseconds - seconds * 1_000_000
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(micros)
        )
    }
}

/// An event to append: everything but the sequence number, which the log assigns.
///
/// The log knows nothing of the domain: `type`, `source` and `subject` are plain strings
/// (for example `leaflink.order.observed`, `leaflink`, `ll-order:3f2a9c1e-…`) and the payload
/// is opaque bytes. Fetched records are stored as the exact bytes received.
public struct NewEvent: Sendable, Hashable {
    /// Event type, for example `leaflink.order.observed`.
    public var type: String
    /// Schema version of this event type's payload; readers upcast older versions.
    public var schemaVersion: UInt16
    /// Where the fact came from: `leaflink`, `distru`, `metrc`, `operator` or `engine`.
    public var source: String
    /// The entity the event is about, for example `ll-order:<number>` or `distru-product:<uuid>`.
    public var subject: String
    /// When it happened. `nil` lets the writer stamp the append time.
    public var recordedAt: Timestamp?
    /// Sequence number of the event that caused this one, if any.
    public var causationID: UInt64?
    /// An id shared by every event of one workflow (a fetch cycle, a webhook, an operator action).
    public var correlationID: String?
    /// The payload, stored verbatim.
    public var payload: [UInt8]

    public init(
        type: String,
        schemaVersion: UInt16 = 1,
        source: String,
        subject: String,
        recordedAt: Timestamp? = nil,
        causationID: UInt64? = nil,
        correlationID: String? = nil,
        payload: [UInt8]
    ) {
        self.type = type
        self.schemaVersion = schemaVersion
        self.source = source
        self.subject = subject
        self.recordedAt = recordedAt
        self.causationID = causationID
        self.correlationID = correlationID
        self.payload = payload
    }
}

/// An event as stored in the log, with its sequence number and recorded-at time.
public struct RecordedEvent: Sendable, Hashable {
    /// Position in the log: gapless, starting at 1.
    public var sequence: UInt64
    public var recordedAt: Timestamp
    public var type: String
    public var schemaVersion: UInt16
    public var source: String
    public var subject: String
    public var causationID: UInt64?
    public var correlationID: String?
    public var payload: [UInt8]

    public init(
        sequence: UInt64,
        recordedAt: Timestamp,
        type: String,
        schemaVersion: UInt16,
        source: String,
        subject: String,
        causationID: UInt64? = nil,
        correlationID: String? = nil,
        payload: [UInt8]
    ) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.type = type
        self.schemaVersion = schemaVersion
        self.source = source
        self.subject = subject
        self.causationID = causationID
        self.correlationID = correlationID
        self.payload = payload
    }
}
