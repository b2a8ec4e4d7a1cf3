public import Foundation
public import LeafSyncJSON

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

extension LeafLinkMoney {
    /// The money object a write sends: `{"amount": "12.50", "currency": "USD"}`, the amount as
    /// decimal text (the v2 write schemas type it `string`, format `decimal`), two places unless
    /// the value has more.
    public static func json(_ amount: Decimal, currency: String = "USD") -> JSONValue {
        let text = DecimalText.rounded(amount, places: 2) == amount ? DecimalText.fixed(amount, places: 2) : DecimalText.plain(amount)
        return ["amount": .string(text), "currency": .string(currency)]
    }
}
