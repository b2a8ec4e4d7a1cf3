/// A CRM customer of the seller (`/customers/`).
public struct Customer: Sendable, Codable, Hashable {
    public var id: Int
    public var name: String?
    public var nickname: String?
    public var dba: String?
    public var licenseNumber: String?
    public var externalId: String?
    public var extAcctId: String?
    public var email: String?
    public var phone: String?
    public var managers: [Int]?
    public var archived: Bool?
    public var delinquent: Bool?
    public var modified: LeafLinkTimestamp?
}

/// A member of the seller company (`/company-staff/`); sales reps on orders point here.
public struct CompanyStaff: Sendable, Codable, Hashable {
    public var id: Int
    public var user: Int?
    public var company: Int?
    public var email: String?
    public var displayName: String?
    public var isActive: Bool?
    public var isAdmin: Bool?
}

/// A payment recorded against an order (`/order-payments/`).
public struct OrderPayment: Sendable, Codable, Hashable {
    public var id: Int
    public var order: String
    public var recordedBy: Int?
    public var total: Money
    public var paymentDate: String?
    public var reason: String?
    public var paymentType: PaymentType?
    public var modified: LeafLinkTimestamp?
}

/// Fields of `POST /order-payments/`.
public struct OrderPaymentCreate: Sendable, Hashable {
    public var order: String
    public var recordedBy: Int
    public var total: Decimal
    public var paymentDate: String
    public var paymentType: PaymentType = .other
    public var reason: String = ""

    public init(order: String, recordedBy: Int, total: Decimal, paymentDate: String) {
        self.order = order
        self.recordedBy = recordedBy
        self.total = total
        self.paymentDate = paymentDate
    }

    var json: JSONValue {
        [
            "order": .string(order), "recorded_by": .int(recordedBy),
            "total": ["amount": .number("\(total)"), "currency": "USD"],
            "payment_date": .string(paymentDate), "payment_type": .string(paymentType.rawValue),
            "reason": .string(reason),
        ]
    }
}

/// A customer credit (`/credits/`, read-only).
public struct Credit: Sendable, Codable, Hashable {
    public var id: Int
    public var amount: Money?
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
        if let m = try? c.decodeIfPresent(Money.self, forKey: .amount) {
            amount = m
        } else {
            amount = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .amount).map { Money($0.value) }
        }
        status = try c.decodeIfPresent(CreditStatus.self, forKey: .status)
        order = try c.decodeIfPresent(String.self, forKey: .order)
        appliedTo = try c.decodeIfPresent(String.self, forKey: .appliedTo)
        customer = try? c.decodeIfPresent(CreditCustomer.self, forKey: .customer)
    }
}

/// Reference data (brands, product lines, categories, subcategories, strains, licenses): an id
/// and a name; the full record stays in the raw bytes.
public struct ReferenceRecord: Sendable, Codable, Hashable {
    public var id: Int
    public var name: String?
    public var number: String?
}

import Foundation
