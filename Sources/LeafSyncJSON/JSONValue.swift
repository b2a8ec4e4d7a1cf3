public import Foundation
public import OrderedCollections

/// A JSON value that keeps what a faithful round trip needs: the order of object members and
/// the exact text of numbers, so `210.40` stays `210.40` and money never passes through `Double`.
///
/// Build one by hand or with literals, parse one with ``JSONParser``, write one with
/// ``JSONWriter``:
///
/// ```swift
/// let body: JSONValue = ["amount": .number("210.40"), "currency": "USD", "lines": [1, 2]]
/// let text = JSONWriter.compact(body)          // {"amount":210.40,"currency":"USD","lines":[1,2]}
/// let again = try JSONParser.parse(text)
/// ```
///
/// Two values are equal when they mean the same JSON: objects with the same members in any
/// order (the writer still keeps the order), numbers with the same text.
///
/// Reading: the subscript answers a member as it is stored, `.null` included (HTTP code tells
/// a null from an absent member); the tolerant accessors of ``JSONReadable`` (`member(_:)`,
/// `string`, `decimal`, `int`, …), which the record decoders use, treat a null member as absent.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `"24.0000"` or `"594"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A number from an integer.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A number from a measurement (`12345`, `0.25`); `null` for an infinity or NaN, which JSON
    /// cannot hold. Never use it for money: see ``decimal(_:)``.
    public static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
        return .number(String(value))
    }

    /// A number from an exact decimal, written as its shortest text (`9`, `4.75`); throws for
    /// `Decimal.nan`, which JSON cannot hold.
    public static func decimal(_ value: Decimal) throws(JSONValueError) -> JSONValue {
        guard value.isFinite else { throw JSONValueError.notANumber }
        return .number(DecimalText.plain(value))
    }

    /// The member `key` as stored (`.null` included); `nil` when absent or when this is not an
    /// object. Setting a member of a non-object does nothing; setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { if case .object(let o) = self { return o[key] } else { return nil } }
        set {
            guard case .object(var o) = self else { return }
            self = .null  // let `o` be uniquely referenced while it changes
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The text of a string (not of a number; see ``string`` for both).
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// An integer from a number or a numeric string (`12`, `"12"`, `1e3`, `12.0`).
    public var intValue: Int? {
        switch self {
        case .number, .string: int
        default: nil
        }
    }
    /// The value of `true` or `false` (the same as ``booleanValue``).
    public var boolValue: Bool? { booleanValue }
    /// The elements, when this is an array (the same as ``array``).
    public var arrayValue: [JSONValue]? { array }
    /// The members, when this is an object (the same as ``object``).
    public var objectValue: JSONObject? { object }
    public var object: JSONObject? { if case .object(let o) = self { return o } else { return nil } }

    /// Compact UTF-8 text, members in their order (see ``JSONWriter``).
    public func serialized() -> [UInt8] { JSONWriter.compactBytes(self) }
    /// Compact text, members in their order.
    public var text: String { JSONWriter.compact(self) }
    /// Canonical text: members sorted by name, no spaces (fingerprints, engine-written payloads).
    public var canonicalText: String { JSONWriter.canonical(self) }
    /// Canonical UTF-8 bytes (see ``canonicalText``).
    public var canonicalBytes: [UInt8] { JSONWriter.canonicalBytes(self) }

    /// A stable 64-bit hash of the value that ignores object member order (R-ENG-01: the same
    /// record re-fetched with its members in another order is the same record). Equal to the
    /// ``JSONNode/fingerprint`` the tape computes while parsing the same value.
    public var fingerprint: UInt64 {
        // Canonical text always parses.
        (try? JSONDocument.parse(canonicalBytes).root.fingerprint) ?? 0
    }
}

/// Why a value cannot be made JSON.
public enum JSONValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A decimal that is not a number (`Decimal.nan`).
    case notANumber

    public var description: String {
        switch self {
        case .notANumber: "a decimal is NaN, which JSON cannot hold; check where the amount was computed"
        }
    }
}

extension JSONValue: JSONReadable {
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

    public func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self, let value = members[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// A string, or the text of a number.
    public var string: String? {
        switch self {
        case .string(let s), .number(let s): s
        default: nil
        }
    }

    public var booleanValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var memberNames: [String]? { object.map { Array($0.keys) } }
}

extension JSONValue: Hashable {
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)), let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)):
            x.count == y.count && x.allSatisfy { key, value in y[key] == value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        switch self {
        case .null: break
        case .bool(let b): hasher.combine(b)
        case .number(let s), .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            // Order-independent, as equality is.
            var sum = 0
            for (key, value) in o {
                var member = Hasher()
                member.combine(key)
                member.combine(value)
                sum = sum &+ member.finalize()
            }
            hasher.combine(o.count)
            hasher.combine(sum)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Members in the literal's order; a repeated name keeps its first place and its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}
