/// A row of `GET /transfers/v2/{id}/deliveries`: one destination of a transfer.
public struct MetrcDeliveryModel: Decodable, Sendable, Hashable {
    public var id: Int
    public var recipientFacilityLicenseNumber: String
    public var recipientFacilityName: String?
    public var invoiceNumber: String?
    public var shipmentTransactionType: String?
    public var estimatedDepartureDateTime: String?
    public var estimatedArrivalDateTime: String?
    public var deliveryPackageCount: Int?
}
