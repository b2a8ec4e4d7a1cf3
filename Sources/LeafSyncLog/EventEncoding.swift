import Foundation

/// The binary envelope of one event inside a batch body (format version 1):
///
/// ```
/// u32     record length (bytes after this field)
/// i64     recorded-at, microseconds since the epoch
/// u16     schema version
/// u8      flags: bit 0 causation present, bit 1 correlation present
/// varint  type length, type (UTF-8)
/// varint  source length, source
/// varint  subject length, subject
/// u64     causation id            (if flagged)
/// varint  correlation length, correlation id   (if flagged)
/// ...     payload: the rest of the record
/// ```
/// The sequence number is not stored per event: it is the batch's base sequence plus the index.
enum EventEncoding {
    /// Largest payload accepted for one event.
    static let maximumPayloadSize = 64 << 20
    /// Largest type, source, subject or correlation id.
    static let maximumFieldSize = 4096

    static func validate(_ event: NewEvent) throws {
        guard event.payload.count <= maximumPayloadSize else {
            throw EventLogError.eventTooLarge(subject: event.subject, bytes: event.payload.count, limit: maximumPayloadSize)
        }
        for (name, value) in [("type", event.type), ("source", event.source), ("subject", event.subject),
                              ("correlation id", event.correlationID ?? "")] where value.utf8.count > maximumFieldSize {
            throw EventLogError.fieldTooLong(field: name, bytes: value.utf8.count, limit: maximumFieldSize)
        }
    }

    /// Appends the envelope of `event` to `body`, stamping `defaultTime` when the event has none.
    static func append(_ event: NewEvent, defaultTime: Timestamp, to body: inout [UInt8]) {
        let start = body.count
        body.appendLittleEndian(UInt32(0))  // record length, patched below
        body.appendLittleEndian((event.recordedAt ?? defaultTime).microseconds)
        body.appendLittleEndian(event.schemaVersion)
        var flags: UInt8 = 0
        if event.causationID != nil { flags |= 1 }
        if event.correlationID != nil { flags |= 2 }
        body.append(flags)
        body.appendLengthPrefixed(event.type)
        body.appendLengthPrefixed(event.source)
        body.appendLengthPrefixed(event.subject)
        if let causation = event.causationID { body.appendLittleEndian(causation) }
        if let correlation = event.correlationID { body.appendLengthPrefixed(correlation) }
        body.append(contentsOf: event.payload)
        body.storeLittleEndian(UInt32(body.count - start - 4), at: start)
    }

    /// Decodes every event of a raw batch body. Returns nil when the body is not well formed
    /// (which, behind a valid checksum, means a writer bug or deliberate tampering).
    static func decode(
        body: UnsafeRawBufferPointer, baseSequence: UInt64, count: Int, strings: inout StringInterner
    ) -> [RecordedEvent]? {
        var events: [RecordedEvent] = []
        events.reserveCapacity(count)
        var ok = true
        forEachRecord(body: body, baseSequence: baseSequence, count: count) { view in
            guard let event = view.materialize(strings: &strings) else { ok = false; return false }
            events.append(event)
            return true
        } onMalformed: { ok = false }
        return ok ? events : nil
    }

    /// Calls `body` with a zero-copy view of each record; stops early when it returns false.
    @inline(__always)
    static func forEachRecord(
        body: UnsafeRawBufferPointer, baseSequence: UInt64, count: Int,
        _ visit: (EventView) -> Bool, onMalformed: () -> Void
    ) {
        var reader = ByteReader(body)
        for index in 0..<count {
            guard let length = reader.read(UInt32.self), let record = reader.readBytes(Int(length)) else {
                onMalformed(); return
            }
            if !visit(EventView(sequence: baseSequence + UInt64(index), record: record)) { return }
        }
        if reader.remaining != 0 { onMalformed() }
    }
}

/// A zero-copy view of one stored event, valid only inside the closure that receives it.
/// Scans that need only some fields (type, subject) avoid copying the payload.
public struct EventView {
    public let sequence: UInt64
    let record: UnsafeRawBufferPointer

    /// Decodes the whole event into an owned value; nil when the record is malformed.
    public func materialize() -> RecordedEvent? {
        var strings = StringInterner()
        return materialize(strings: &strings)
    }

    func materialize(strings: inout StringInterner) -> RecordedEvent? {
        var reader = ByteReader(record)
        guard let time = reader.read(Int64.self),
              let version = reader.read(UInt16.self),
              let flags = reader.read(UInt8.self),
              let typeBytes = reader.readLengthPrefixed(),
              let sourceBytes = reader.readLengthPrefixed(),
              let subject = reader.readString()
        else { return nil }
        let type = strings.string(for: typeBytes)
        let source = strings.string(for: sourceBytes)
        var causation: UInt64?
        if flags & 1 != 0 {
            guard let value = reader.read(UInt64.self) else { return nil }
            causation = value
        }
        var correlation: String?
        if flags & 2 != 0 {
            guard let value = reader.readString() else { return nil }
            correlation = value
        }
        guard flags & ~3 == 0 else { return nil }
        let payload = [UInt8](reader.readBytes(reader.remaining)!)
        return RecordedEvent(
            sequence: sequence, recordedAt: Timestamp(microseconds: time), type: type, schemaVersion: version,
            source: source, subject: subject, causationID: causation, correlationID: correlation, payload: payload
        )
    }
}

extension EventView {
    /// Whether the record parses, without copying anything.
    var isWellFormed: Bool {
        var reader = ByteReader(record)
        guard reader.read(Int64.self) != nil, reader.read(UInt16.self) != nil,
              let flags = reader.read(UInt8.self), flags & ~3 == 0 else { return false }
        for _ in 0..<3 {
            guard let length = reader.readVarint(), length <= UInt64(reader.remaining), reader.readBytes(Int(length)) != nil
            else { return false }
        }
        if flags & 1 != 0, reader.read(UInt64.self) == nil { return false }
        if flags & 2 != 0 {
            guard let length = reader.readVarint(), length <= UInt64(reader.remaining), reader.readBytes(Int(length)) != nil
            else { return false }
        }
        return true
    }
}

extension EventEncoding {
    /// Whether a raw body holds exactly `count` well-formed records.
    static func isWellFormed(body: UnsafeRawBufferPointer, count: Int) -> Bool {
        var ok = true
        var seen = 0
        forEachRecord(body: body, baseSequence: 1, count: count) { view in
            seen += 1
            if !view.isWellFormed { ok = false }
            return ok
        } onMalformed: { ok = false }
        return ok && seen == count
    }
}

/// Reuses the `String`s of recently seen event types and sources: a log has a few dozen of each,
/// so a scan allocates and validates them once instead of once per event.
struct StringInterner {
    private var entries: [(bytes: [UInt8], string: String)] = []
    private static let capacity = 64

    mutating func string(for bytes: UnsafeRawBufferPointer) -> String {
        for entry in entries where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return entry.string
            }
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if entries.count < Self.capacity, !bytes.isEmpty { entries.append((Array(bytes), string)) }
        return string
    }
}
