import Foundation
public import LeafSyncJSON

/// A LeafLink order payment (`/order-payments/`). Observed only; payments never flow LL → Distru (R-PAY-03).
public struct LeafLinkOrderPayment: Equatable, Sendable {
    public var id: Int
    public var orderNumber: String?
    public var total: Money
    public var paymentDate: String?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json["id"]?.int else { throw .missingField(record: "LeafLink order payment", field: "id") }
        self.id = id
        orderNumber = json["order"]?.first("number")?.string ?? json["order"]?.string
        total = Money(json["total"]?.decimal ?? 0)
        paymentDate = json["payment_date"]?.string
    }
}

/// A LeafLink credit (`/credits/`). Credits applied to an order become a discount on its SO (R-ORD-06).
public struct LeafLinkCredit: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        case active, used, cancelled
        case unknown(String)
    }

    public var id: Int
    public var amount: Money
    public var status: Status
    /// The order the credit is applied to (`applied_to`, else `order`).
    public var orderNumber: String?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json["id"]?.int else { throw .missingField(record: "LeafLink credit", field: "id") }
        self.id = id
        amount = Money(json["amount"]?.decimal ?? 0)
        switch json["status"]?.string?.lowercased() ?? "active" {
        case "active": status = .active
        case "used": status = .used
        case "cancelled", "canceled": status = .cancelled
        case let other: status = .unknown(other)
        }
        orderNumber = json["applied_to"]?.string ?? json["order"]?.string
    }
}
