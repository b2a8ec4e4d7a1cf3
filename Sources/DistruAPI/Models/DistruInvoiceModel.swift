/// An invoice with its payments.
public struct DistruInvoiceModel: Sendable, Hashable, Codable {
    public struct Payment: Sendable, Hashable, Codable {
        public var id: DistruID
        public var amount: DistruDecimal
        public var paymentDatetime: DistruTimestamp?
        public var paymentMethod: DistruRef?
        public var description: String?
    }

    public var id: DistruID
    public var invoiceNumber: String?
    public var status: DistruEnum?
    public var order: DistruRef?
    public var total: DistruDecimal?
    public var paidAmount: DistruDecimal?
    public var payments: [Payment]
    public var updatedDatetime: DistruTimestamp?
}
