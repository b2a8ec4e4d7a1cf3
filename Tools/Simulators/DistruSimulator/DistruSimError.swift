import DistruAPI
import Foundation
import HTTPClientSupport
public import LeafSyncJSON

/// An API error answer in Distru's shape: `{"errors": [{"message": …, "pointer": [...]}]}`.
public struct DistruSimError: Error, CustomStringConvertible {
    public var status: Int
    public var message: String
    public var pointer: [JSONValue]

    public var description: String { "\(status): \(message) \(JSONValue.array(pointer).text)" }

    init(_ status: Int, _ message: String, pointer: [JSONValue] = []) {
        self.status = status
        self.message = message
        self.pointer = pointer
    }

    public var body: JSONValue {
        ["errors": [.object(JSONObject([("message", .string(message)), ("pointer", .array(pointer))]))]]
    }

    static func notFound(_ what: String) -> DistruSimError { DistruSimError(404, "\(what) not found") }
    static func invalid(_ message: String, _ pointer: JSONValue...) -> DistruSimError { DistruSimError(422, message, pointer: pointer) }
}

/// Small JSON readers for write bodies.
enum W {
    /// An id given as a string or an integer, as text.
    static func id(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)? where !s.isEmpty: s
        case .number(let n)?: n
        case .object(let o)?: id(o["id"])
        default: nil
        }
    }

    /// A decimal given as a string or a number.
    static func dec(_ v: JSONValue?) -> Decimal? { DecimalText.from(v) }

    static func text(_ d: Decimal) -> JSONValue { .string(DistruDecimal.text(d)) }
}
