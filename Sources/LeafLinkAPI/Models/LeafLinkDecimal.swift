public import Foundation
import HTTPClientSupport
import LeafSyncJSON

/// A decimal that LeafLink sends either as a JSON number (`594`, `210.4`) or as a string
/// (`"24.0000"`, `"420.10"`). Always held as an exact `Decimal` parsed from the text.
public struct LeafLinkDecimal: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var value: Decimal

    public init(_ value: Decimal) { self.value = value }
    public init(stringLiteral s: String) { self.value = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }

    public init?(text: String) {
        guard let d = DecimalText.parse(text) else { return nil }
        self.value = d
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            guard let v = LeafLinkDecimal(text: s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a decimal: \(s)")
            }
            self = v
        } else {
            // swift-foundation's JSONDecoder builds a Decimal from the number's digits, not via Double.
            self.value = try c.decode(Decimal.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    public var description: String { value.description }
}
