public import LeafSyncJSON

/// Why a remote record or an event payload could not be read. The message says what to look at.
public enum RecordDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not JSON.
    case malformedJSON(JSONSyntaxError)
    /// A field the engine cannot work without is missing or unreadable.
    case missingField(record: String, field: String)
    /// The JSON has the wrong shape, e.g. an array where an object is expected.
    case wrongShape(record: String, expected: String)
    /// The event was written by a newer version of the engine.
    case unsupportedVersion(type: String, version: UInt16, newest: UInt16)
    /// The payload of an engine or operator event does not match its schema.
    case invalidPayload(type: String, reason: String)

    public var description: String {
        switch self {
        case .malformedJSON(let why): return "the payload is not valid JSON (\(why.reason) at byte \(why.offset))"
        case .missingField(let record, let field): return "the \(record) has no readable `\(field)`, which the engine needs"
        case .wrongShape(let record, let expected): return "the \(record) is not \(expected)"
        case .unsupportedVersion(let type, let version, let newest):
            return "\(type) version \(version) is newer than this engine understands (up to \(newest)); upgrade the engine"
        case .invalidPayload(let type, let reason): return "the \(type) payload is invalid: \(reason)"
        }
    }
}

extension RecordDecodingError {
    /// Parses a payload as JSON, its syntax error wrapped as ``malformedJSON(_:)``.
    static func parse(_ source: some JSONByteSource) throws(RecordDecodingError) -> JSONDocument {
        do { return try JSONDocument.parse(source) } catch { throw .malformedJSON(error) }
    }
}
