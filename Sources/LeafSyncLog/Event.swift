public import Foundation
import LeafSyncJSON

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
    public var description: String { ISO8601Text.format(microseconds: microseconds) }
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
    /// The payload as stored. Read from the log, it shares its batch's buffer (see ``EventPayload``).
    public var payload: EventPayload
    public var causationID: UInt64?
    public var correlationID: String?
    // `payload` comes before the optional ids so that the synthesised memberwise initialiser
    // differs from the public one below, which forwards to it: with an explicit initialiser
    // that assigns each property, the optimiser builds the event and then copies it (retaining
    // and releasing every reference), a measurable cost when a scan builds millions of them.
}

extension RecordedEvent {
    public init(
        sequence: UInt64,
        recordedAt: Timestamp,
        type: String,
        schemaVersion: UInt16,
        source: String,
        subject: String,
        causationID: UInt64? = nil,
        correlationID: String? = nil,
        payload: EventPayload
    ) {
        self.init(
            sequence: sequence, recordedAt: recordedAt, type: type, schemaVersion: schemaVersion, source: source,
            subject: subject, payload: payload, causationID: causationID, correlationID: correlationID
        )
    }
}
