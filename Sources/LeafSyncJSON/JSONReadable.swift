public import Foundation

/// Tolerant read access to a JSON value, shared by the ``JSONValue`` tree and the ``JSONNode``
/// of a parsed ``JSONDocument``, so each record decoder is written once and runs on either.
///
/// The accessors are tolerant, as remote records need: an amount may be a number, a string or an
/// `{"amount", "currency"}` object; an id may be an integer, a string or an object with `id`;
/// a member that is `null` reads as absent.
///
/// ```swift
/// init<J: JSONReadable>(json: J) throws {
///     number = json["number"]?.string
///     total = json["total"]?.decimal      // 12.50, "12.50" or {"amount": 12.5}
/// }
/// ```
public protocol JSONReadable {
    var kind: JSONKind { get }
    /// The member `key` of an object; `nil` when absent, when `null`, or when this is not an object.
    func member(_ key: String) -> Self?
    /// The elements, when this is an array.
    var array: [Self]? { get }
    /// The member names in order, when this is an object.
    var memberNames: [String]? { get }
    /// A string, or the text of a number.
    var string: String? { get }
    /// The value of a JSON `true` or `false`.
    var booleanValue: Bool? { get }
    /// An exact decimal from a number, a numeric string, or an object's `amount`.
    var decimal: Decimal? { get }
    /// ``decimal`` as integers when it is plain (`-12.50`, `24.0000`; at most 18 digits).
    var plainDecimal: PlainDecimal? { get }
}

extension JSONReadable {
    /// ``member(_:)``: `nil` when absent or `null`. (``JSONValue`` has its own subscript, which
    /// answers a `null` member as `.null`; generic code over `JSONReadable` gets this one.)
    public subscript(key: String) -> Self? { member(key) }

    public var isNull: Bool { kind == .null }
    public var isObject: Bool { kind == .object }

    /// The first present member among `keys`.
    public func first(_ keys: String...) -> Self? {
        for key in keys { if let v = member(key) { return v } }
        return nil
    }

    /// A non-empty string after trimming, else `nil`.
    public var nonEmptyString: String? {
        guard let s = string?.trimmingSpaces, !s.isEmpty else { return nil }
        return s
    }

    public var decimal: Decimal? {
        switch kind {
        case .number, .string: return string.flatMap(DecimalText.parse)
        case .object: return member("amount")?.decimal
        default: return nil
        }
    }

    public var plainDecimal: PlainDecimal? {
        switch kind {
        case .number, .string:
            guard var text = string else { return nil }
            return text.withUTF8 { DecimalText.plainParts($0) }
        case .object: return member("amount")?.plainDecimal
        default: return nil
        }
    }

    /// An integer from a number, a numeric string, or an object's `id`.
    public var int: Int? {
        switch kind {
        case .number, .string:
            guard let text = string?.trimmingSpaces else { return nil }
            if let i = Int(text) { return i }
            guard let d = DecimalText.parse(text), d == DecimalText.rounded(d, places: 0, rule: .bankers) else { return nil }
            return Int(d.description)
        case .object: return member("id")?.int
        default: return nil
        }
    }

    /// An identifier as text: integers and strings alike, or an object's `id`.
    public var idString: String? {
        switch kind {
        case .number: return string
        case .string: return string.flatMap { $0.isEmpty ? nil : $0 }
        case .object: return member("id")?.idString
        default: return nil
        }
    }

    /// `true`/`false`, or a string or number that reads as one (`"yes"`, `"0"`).
    public var bool: Bool? {
        switch kind {
        case .bool: return booleanValue
        case .string:
            let s = string?.lowercased() ?? ""
            return ["true", "1", "yes"].contains(s) ? true : (["false", "0", "no"].contains(s) ? false : nil)
        case .number: return string == "0" ? false : (string == "1" ? true : nil)
        default: return nil
        }
    }
}

extension String {
    /// The text without leading and trailing white space.
    package var trimmingSpaces: String {
        // Most values have no surrounding space: answer from the first and last bytes.
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, first < 0x80, last < 0x80 { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
