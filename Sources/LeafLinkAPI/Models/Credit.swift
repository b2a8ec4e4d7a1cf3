import Foundation

/// A customer credit (`/credits/`, read-only).
public struct Credit: Sendable, Codable, Hashable {
    public var id: Int
    public var amount: LeafLinkMoney?
    public var status: CreditStatus?
    public var order: String?
    public var appliedTo: String?
    public var customer: CreditCustomer?

    /// The customer, as an id or a light object.
    public struct CreditCustomer: Sendable, Codable, Hashable {
        public var id: Int
        public init(from decoder: any Decoder) throws {
            if let i = try? decoder.singleValueContainer().decode(Int.self) {
                id = i
            } else {
                enum K: CodingKey { case id }
                id = try decoder.container(keyedBy: K.self).decode(Int.self, forKey: .id)
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        if let m = try? c.decodeIfPresent(LeafLinkMoney.self, forKey: .amount) {
            amount = m
        } else {
            amount = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .amount).map { LeafLinkMoney($0.value) }
        }
        status = try c.decodeIfPresent(CreditStatus.self, forKey: .status)
        order = try c.decodeIfPresent(String.self, forKey: .order)
        appliedTo = try c.decodeIfPresent(String.self, forKey: .appliedTo)
        customer = try? c.decodeIfPresent(CreditCustomer.self, forKey: .customer)
    }
}
