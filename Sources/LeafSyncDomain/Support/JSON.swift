import Foundation
/// A JSON value that keeps numbers as their exact text, so money never passes through floating point.
///
/// Remote records are decoded through `JSON` with tolerant accessors: an amount may be a number, a
/// string or a `{"amount", "currency"}` object; an id may be an integer, a string or an object with `id`.
public enum JSON: Hashable, Sendable {
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

    /// The first present member among `keys`.
    public func first(_ keys: String...) -> JSON? {
        for key in keys { if let v = self[key] { return v } }
        return nil
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A string, or the text of a number.
    public var string: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        default: return nil
        }
    }

    /// A non-empty string after trimming, else `nil`.
    public var nonEmptyString: String? {
        guard let s = string?.trimmingSpaces, !s.isEmpty else { return nil }
        return s
    }

    /// An exact decimal from a number, a numeric string, or an object's `amount`.
    public var decimal: Decimal? {
        switch self {
        case .number(let text): return DecimalText.parse(text)
        case .string(let text): return DecimalText.parse(text.trimmingSpaces)
        case .object: return self["amount"]?.decimal
        default: return nil
        }
    }

    /// An integer from a number, a numeric string, or an object's `id`.
    public var int: Int? {
        switch self {
        case .number(let text), .string(let text):
            if let i = Int(text.trimmingSpaces) { return i }
            guard let d = DecimalText.parse(text.trimmingSpaces), d == d.roundedHalfEven(scale: 0) else { return nil }
            return Int(d.description)
        case .object: return self["id"]?.int
        default: return nil
        }
    }

    /// An identifier as text: integers and strings alike, or an object's `id`.
    public var idString: String? {
        switch self {
        case .number(let text): return text
        case .string(let text): return text.isEmpty ? nil : text
        case .object: return self["id"]?.idString
        default: return nil
        }
    }

    public var bool: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s): return ["true", "1", "yes"].contains(s.lowercased()) ? true : (["false", "0", "no"].contains(s.lowercased()) ? false : nil)
        case .number(let n): return n == "0" ? false : (n == "1" ? true : nil)
        default: return nil
        }
    }

    public var array: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    public var object: [String: JSON]? { if case .object(let o) = self { return o } else { return nil } }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
