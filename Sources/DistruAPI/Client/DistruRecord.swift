import Foundation
import HTTPClientSupport

/// One record exactly as Distru sent it, sliced out of its response without re-serializing.
public struct DistruRecord: Sendable, Hashable {
    public var bytes: [UInt8]
    /// The call that returned it (for errors).
    public var call: DistruCall

    public init(bytes: [UInt8], call: DistruCall) {
        self.bytes = bytes
        self.call = call
    }

    /// Decodes a typed model; a mismatch is a ``DistruError/malformedResponse(_:reason:body:)``.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try DistruClient.decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw DistruError.malformedResponse(call, reason: "not a \(T.self): \(error)", body: DistruError.excerpt(bytes))
        }
    }

    /// The record as a ``JSONValue`` (number text preserved).
    public func json() throws -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch {
            throw DistruError.malformedResponse(call, reason: error.description, body: DistruError.excerpt(bytes))
        }
    }

    /// The record's `id` as text (UUID strings, or integers in older data), if present.
    public func idText() throws -> String? {
        switch try json()["id"] {
        case .string(let s)?: s
        case .number(let n)?: n
        default: nil
        }
    }
}

/// A decoded record together with the exact bytes it came from.
public struct DistruFetched<Value: Sendable>: Sendable {
    public var value: Value
    public var raw: DistruRecord
}
