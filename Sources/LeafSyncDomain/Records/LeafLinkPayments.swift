import Foundation
/// An LeafLink order payment (`/order-payments/`). Observed only; payments never flow LL → Distru (R-PAY-03).
public struct LeafLinkOrderPayment: Equatable, Sendable {
    public var id: Int
    public var orderNumber: String?
    public var total: Money
    public var paymentDate: String?

    public init(json: JSON) throws(RecordDecodingError) {
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

    public init(json: JSON) throws(RecordDecodingError) {
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

/// A LeafLink webhook body `{"type", "action", "data"}`: a hint that names a record to fetch.
public struct LeafLinkWebhook: Equatable, Sendable {
    public var type: String
    public var action: String
    /// The order number or product id the webhook names.
    public var recordID: String

    /// Reads the envelope `{"type","action","data"}`; a bare record (no envelope) is read with the
    /// type and id of the log `subject` it was filed under (`ll-order:<number>`, `ll-product:<id>`).
    public init(json: JSON, subject: String = "") throws(RecordDecodingError) {
        if let type = json["type"]?.string, json["data"] != nil {
            self.type = type
            action = json["action"]?.string ?? "edit"
            guard let id = json["data"]?.first("number", "id")?.idString else {
                throw .missingField(record: "LeafLink webhook", field: "data.number or data.id")
            }
            recordID = id
            return
        }
        action = "edit"
        if subject.hasPrefix("ll-order:") {
            type = "order"
            recordID = json.first("number", "order_number")?.idString ?? String(subject.dropFirst("ll-order:".count))
        } else if subject.hasPrefix("ll-product:") {
            type = "product"
            recordID = json["id"]?.idString ?? String(subject.dropFirst("ll-product:".count))
        } else {
            throw .missingField(record: "LeafLink webhook", field: "type")
        }
    }
}
