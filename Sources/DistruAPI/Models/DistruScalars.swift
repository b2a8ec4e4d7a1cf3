import Foundation
import HTTPClientSupport

/// A Distru decimal: sent as a string (`"25.000000"`), decoded exactly (never through `Double`).
/// Plain JSON numbers are accepted too.
public struct DistruDecimal: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: Decimal

    public init(_ value: Decimal) { self.value = value }

    public init?(text: String) {
        guard let d = DecimalText.parse(text) else { return nil }
        value = d
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self), let d = DistruDecimal(text: s) {
            self = d
        } else if let d = try? c.decode(Decimal.self) {
            value = d
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a decimal")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// Distru's text: six decimal places (`"25.000000"`).
    public var text: String { Self.text(value) }

    public var description: String { text }

    /// `d` with six decimal places, rounded half away from zero.
    public static func text(_ d: Decimal, places: Int = 6) -> String { DecimalText.fixed(d, places: places) }
}

/// A Distru id: a UUID string, or an integer for companies, locations and users in older data.
/// Kept as text either way; ``isInteger`` tells which it was.
public struct DistruID: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var text: String
    public var isInteger: Bool

    public init(_ text: String) {
        self.text = text
        self.isInteger = !text.isEmpty && text.allSatisfy(\.isNumber)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int64.self) {
            text = String(i)
            isInteger = true
        } else {
            text = try c.decode(String.self)
            isInteger = false
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if isInteger, let i = Int64(text) { try c.encode(i) } else { try c.encode(text) }
    }

    public var description: String { text }
}

/// A name-based id for records LeafSync creates, so a retried create names the same record:
/// the UUID layout (version 8, RFC 9562) over SHA-256 of `namespace` and `name`.
public enum DeterministicID {
    public static func uuid(namespace: String, name: String) -> String {
        var bytes = Array(sha256(Array("\(namespace)\u{0}\(name)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let c = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }

    /// The Distru sales-order id LeafSync uses for a LeafLink order.
    public static func salesOrder(forLeafLinkOrder number: String) -> String {
        uuid(namespace: "leafsync.distru.order", name: number)
    }
}
