public import Foundation
public import LeafSyncJSON

/// The body of `POST /order-payments/` (v2 `OrderPaymentCreate`: `order`, `recorded_by`,
/// `total` and `payment_date` required).
///
/// `total` may be negative: a payment deleted in Distru becomes a negative LeafLink payment.
///
/// ``leafSyncKey`` makes the create idempotent in effect. LeafLink has no client-chosen id for
/// payments, so the key travels in `reason`, the one free-text field of the payment schema
/// that LeafLink stores and returns: the reason written is ``reason`` followed by
/// `[leafsync:<key>]`. Before posting, read the order's payments
/// (`LeafLinkClient.orderPayments(order:)`) and look for ``OrderPayment/leafSyncKey``: a
/// payment that already carries the key was posted by an attempt whose answer was lost.
public struct OrderPaymentCreate: Sendable, Hashable {
    public var order: String
    /// The company staff id of the user recording the payment.
    public var recordedBy: Int
    public var total: Decimal
    /// ISO-8601 date-time.
    public var paymentDate: String
    public var paymentType: PaymentType = .other
    /// What the payment is, shown to the seller.
    public var reason: String = ""
    /// LeafSync's idempotency key for this payment, written into `reason`.
    public var leafSyncKey: String?

    public init(order: String, recordedBy: Int, total: Decimal, paymentDate: String, leafSyncKey: String? = nil) {
        self.order = order
        self.recordedBy = recordedBy
        self.total = total
        self.paymentDate = paymentDate
        self.leafSyncKey = leafSyncKey
    }

    /// The `reason` sent: ``reason``, then the key's marker when there is one.
    public var reasonText: String {
        guard let leafSyncKey else { return reason }
        let marker = OrderPayment.marker(leafSyncKey)
        return reason.isEmpty ? marker : "\(reason) \(marker)"
    }

    public var json: JSONValue {
        [
            "order": .string(order), "recorded_by": .int(recordedBy), "total": LeafLinkMoney.json(total),
            "payment_date": .string(paymentDate), "payment_type": .string(paymentType.rawValue), "reason": .string(reasonText),
        ]
    }
}

extension OrderPayment {
    /// `[leafsync:<key>]`, the marker ``OrderPaymentCreate`` appends to `reason`.
    public static func marker(_ key: String) -> String { "[leafsync:\(key)]" }

    /// The LeafSync key in this payment's `reason` (the last marker), if LeafSync posted it.
    public var leafSyncKey: String? {
        guard let reason, let open = reason.range(of: "[leafsync:", options: .backwards),
            let close = reason[open.upperBound...].firstIndex(of: "]")
        else { return nil }
        let key = reason[open.upperBound..<close]
        return key.isEmpty ? nil : String(key)
    }
}
