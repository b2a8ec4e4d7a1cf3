import Foundation
public import LeafSyncJSON

/// A Distru invoice with its payments.
public struct DistruInvoice: Equatable, Sendable {
    public struct Payment: Equatable, Sendable {
        public var id: String
        public var amount: Money
        public var datetime: String?
    }

    public var id: String
    public var orderID: String?
    public var orderNumber: String?
    public var payments: [Payment]

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        let json = json.unwrappingData
        guard let id = json["id"]?.idString else { throw .missingField(record: "Distru invoice", field: "id") }
        self.id = id
        orderID = json["order"]?.idString ?? json["order_id"]?.idString
        orderNumber = json["order"]?["order_number"]?.string
        var payments: [Payment] = []
        for p in json["payments"]?.array ?? [] {
            guard let pid = p["id"]?.idString else { throw .missingField(record: "Distru invoice \(id) payment", field: "id") }
            guard let amount = p["amount"]?.decimal else {
                throw .missingField(record: "Distru invoice \(id) payment \(pid)", field: "amount")
            }
            payments.append(Payment(id: pid, amount: Money(amount), datetime: p.first("payment_datetime", "datetime", "date")?.string))
        }
        self.payments = payments
    }
}
