import Foundation

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

/// `{"amount": …, "currency": "USD"}`; the amount is a number on orders and products and a
/// string on line items (both accepted).
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: LeafLinkDecimal
    public var currency: String

    public init(_ amount: Decimal, currency: String = "USD") {
        self.amount = LeafLinkDecimal(amount)
        self.currency = currency
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.amount = try c.decode(LeafLinkDecimal.self, forKey: .amount)
        self.currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? "USD"
    }

    public var description: String { "\(amount) \(currency)" }
}
