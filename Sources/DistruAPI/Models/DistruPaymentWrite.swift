public import Foundation
import HTTPClientSupport
public import LeafSyncJSON

/// The body of `POST /invoices/{id}/payments` (`{"payment": …}`).
public struct DistruPaymentWrite: Sendable, Hashable {
    public var amount: Decimal
    public var paymentDatetime: DistruTimestamp
    public var paymentMethodID: String?
    public var description: String?

    public init(amount: Decimal, paymentDatetime: DistruTimestamp, paymentMethodID: String? = nil, description: String? = nil) {
        self.amount = amount
        self.paymentDatetime = paymentDatetime
        self.paymentMethodID = paymentMethodID
        self.description = description
    }

    public var json: JSONObject {
        var o = JSONObject([("amount", .string(DistruDecimal.text(amount))), ("payment_datetime", .string(paymentDatetime.text))])
        if let paymentMethodID { o["payment_method_id"] = .string(paymentMethodID) }
        if let description { o["description"] = .string(description) }
        return o
    }
}
