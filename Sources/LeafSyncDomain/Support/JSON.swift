import Foundation
/// A JSON value that keeps numbers as their exact text, so money never passes through floating point.
///
/// The tree form: built by hand for the payloads the engine writes, and read through the tolerant
/// accessors of ``JSONReadable``. Log payloads are decoded from a ``JSONDocument`` instead, which
/// does not build a tree.
public enum JSON: Hashable, Sendable, JSONReadable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `"24.0000"` or `"594"`.
    case number(String)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    /// The member `key` of an object; `nil` when absent, when `null`, or when this is not an object.
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self, let value = members[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    public var kind: JSONKind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// A string, or the text of a number.
    public var string: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        default: return nil
        }
    }

    public var booleanValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    public var array: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    public var object: [String: JSON]? { if case .object(let o) = self { return o } else { return nil } }
}
