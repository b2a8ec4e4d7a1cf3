public import Foundation
import HTTPClientSupport
import LeafSyncJSON

/// A payment recorded against an order (`/order-payments/`).
public struct OrderPayment: Sendable, Codable, Hashable {
    public var id: Int
    public var order: String
    public var recordedBy: Int?
    public var total: LeafLinkMoney
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
