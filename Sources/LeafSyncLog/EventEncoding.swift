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
        for (name, value) in [
            ("type", event.type), ("source", event.source), ("subject", event.subject),
            ("correlation id", event.correlationID ?? ""),
        ] where value.utf8.count > maximumFieldSize {
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

    /// Decodes the whole event into an owned value, copying the payload; nil when the record is malformed.
    public func materialize() -> RecordedEvent? {
        guard let fields = fields() else { return nil }
        var strings = EventStrings()
        return fields.event(sequence: sequence, strings: &strings, payload: EventPayload([UInt8](fields.payload)))
    }

    /// Decodes the whole event, its payload sharing `body` (the buffer `record` points into);
    /// nil when the record is malformed.
    @inline(__always)
    func materialize(strings: inout EventStrings, sharing body: BatchBuffer) -> RecordedEvent? {
        guard let fields = fields() else { return nil }
        let start = fields.payload.baseAddress.map { $0 - UnsafeRawPointer(body.base) } ?? 0
        return fields.event(
            sequence: sequence, strings: &strings,
            payload: EventPayload(sharing: body, range: start..<(start + fields.payload.count)))
    }

    /// Whether the record parses (`fields()` is not nil), without building anything: the
    /// check a worker runs on every record of a batch it decodes.
    var isWellFormed: Bool {
        var reader = ByteReader(record)
        guard reader.read(Int64.self) != nil, reader.read(UInt16.self) != nil,
            let flags = reader.read(UInt8.self), flags & ~3 == 0,
            reader.readLengthPrefixed() != nil, reader.readLengthPrefixed() != nil, reader.readLengthPrefixed() != nil
        else { return false }
        if flags & 1 != 0, reader.read(UInt64.self) == nil { return false }
        if flags & 2 != 0, reader.readLengthPrefixed() == nil { return false }
        return true
    }

    /// The envelope's fields, still pointing into the record; nil when it is malformed.
    @inline(__always)
    func fields() -> Fields? {
        var reader = ByteReader(record)
        guard let time = reader.read(Int64.self),
            let version = reader.read(UInt16.self),
            let flags = reader.read(UInt8.self), flags & ~3 == 0,
            let type = reader.readLengthPrefixed(),
            let source = reader.readLengthPrefixed(),
            let subject = reader.readLengthPrefixed()
        else { return nil }
        var causation: UInt64?
        if flags & 1 != 0 {
            guard let value = reader.read(UInt64.self) else { return nil }
            causation = value
        }
        var correlation: UnsafeRawBufferPointer?
        if flags & 2 != 0 {
            guard let value = reader.readLengthPrefixed() else { return nil }
            correlation = value
        }
        return Fields(
            time: time, version: version, type: type, source: source, subject: subject,
            causation: causation, correlation: correlation, payload: reader.readBytes(reader.remaining)!)
    }

    struct Fields {
        var time: Int64
        var version: UInt16
        var type, source, subject: UnsafeRawBufferPointer
        var causation: UInt64?
        var correlation: UnsafeRawBufferPointer?
        var payload: UnsafeRawBufferPointer

        @inline(__always)
        func event(sequence: UInt64, strings: inout EventStrings, payload: EventPayload) -> RecordedEvent {
            RecordedEvent(
                sequence: sequence, recordedAt: Timestamp(microseconds: time), type: strings.types.string(for: type),
                schemaVersion: version, source: strings.sources.string(for: source),
                subject: String(decoding: subject, as: UTF8.self), causationID: causation,
                correlationID: correlation.map { String(decoding: $0, as: UTF8.self) }, payload: payload
            )
        }
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
        } onMalformed: {
            ok = false
        }
        return ok && seen == count
    }
}

/// The event types and sources a reader has seen, kept apart so each lookup scans a short list.
struct EventStrings {
    var types = StringInterner()
    var sources = StringInterner()
}

/// Reuses the `String`s of recently seen event types (or sources): a log has a few dozen of
/// each, so a scan allocates and validates them once instead of once per event.
struct StringInterner {
    /// Length and up to 32 bytes of an entry, as four words that cover all of it when it is at
    /// most 32 bytes long (they overlap for shorter ones): plain values, so a lookup compares
    /// them without touching a reference count, and memcmps only longer entries.
    private struct Key: Equatable {
        var count: Int
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        @inline(__always)
        init(_ bytes: UnsafeRawBufferPointer) {
            count = bytes.count
            if count >= 16 {
                words = (
                    bytes.loadUnaligned(as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                    bytes.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self),
                    bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                )
            } else if count >= 8 {
                words.0 = bytes.loadUnaligned(as: UInt64.self)
                words.1 = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count > 0 {
                Swift.withUnsafeMutableBytes(of: &words.0) { $0.copyMemory(from: bytes) }
            }
        }

        static func == (a: Key, b: Key) -> Bool {
            a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1
                && a.words.2 == b.words.2 && a.words.3 == b.words.3
        }
    }

    private var keys: [Key] = []
    private var strings: [String] = []
    /// The bytes of entries longer than 32 bytes, whose keys do not pin them down.
    private var longBytes: [[UInt8]] = []
    private static let capacity = 64

    mutating func string(for bytes: UnsafeRawBufferPointer) -> String {
        let key = Key(bytes)
        for index in keys.indices where keys[index] == key {
            if key.count <= 32 || longBytes[index].withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, key.count) == 0 }) {
                return strings[index]
            }
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if keys.count < Self.capacity {
            keys.append(key)
            strings.append(string)
            longBytes.append(key.count > 32 ? Array(bytes) : [])
        }
        return string
    }
}
