/// One record exactly as LeafLink sent it, sliced out of its response without re-serializing.
public struct RawRecord: Sendable, Hashable {
    public var bytes: [UInt8]
    /// The call that returned it (for errors).
    public var call: LeafLinkCall

    public init(bytes: [UInt8], call: LeafLinkCall) {
        self.bytes = bytes
        self.call = call
    }

    /// Decodes a typed model; a mismatch is a ``LeafLinkError/malformedResponse(_:reason:body:)``.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try LeafLinkClient.decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw LeafLinkError.malformedResponse(call, reason: "not a \(T.self): \(error)", body: LeafLinkError.excerpt(bytes))
        }
    }

    /// The record as a ``JSONValue`` (number text preserved).
    public func json() throws -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch {
            throw LeafLinkError.malformedResponse(call, reason: error.description, body: LeafLinkError.excerpt(bytes))
        }
    }
}

import Foundation
