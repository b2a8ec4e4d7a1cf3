public import Foundation

/// `{"amount": …, "currency": "USD"}`; the amount is a number on orders and products and a
/// string on line items (both accepted).
public struct LeafLinkMoney: Sendable, Hashable, Codable, CustomStringConvertible {
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
