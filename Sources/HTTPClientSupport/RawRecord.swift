public import Foundation
public import LeafSyncJSON

/// One record exactly as the server sent it, sliced out of its response without
/// re-serializing, with the call that returned it (for errors).
public struct RawRecord: Sendable, Hashable {
    public var bytes: [UInt8]
    public var call: HTTPCall

    public init(bytes: [UInt8], call: HTTPCall) {
        self.bytes = bytes
        self.call = call
    }

    /// The decoder for the vendors' snake_case JSON.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    /// Decodes a typed model (with `decoder`: snake_case members unless the vendor says
    /// otherwise); a mismatch is an ``APIError`` (`malformedResponse`).
    public func decode<T: Decodable>(_ type: T.Type = T.self, using decoder: JSONDecoder = RawRecord.decoder) throws -> T {
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw APIError.malformedResponse(call, reason: "not a \(T.self): \(error)", body: bytes)
        }
    }

    /// The record as a ``JSONValue`` (number text preserved).
    public func json() throws -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch {
            throw APIError.malformedResponse(call, reason: error.description, body: bytes)
        }
    }

    /// The record's `key` member as text (a string, or a number's digits), if present.
    public func text(_ key: String) throws -> String? { Self.text(try json()[key]) }

    /// A string's text, or a number's digits; nil for anything else.
    package static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: s
        case .number(let n)?: n
        default: nil
        }
    }
}

/// A decoded record together with the exact bytes it came from.
public struct Fetched<Value: Sendable>: Sendable {
    public var value: Value
    public var raw: RawRecord

    public init(value: Value, raw: RawRecord) {
        self.value = value
        self.raw = raw
    }
}
