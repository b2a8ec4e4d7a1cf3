/// A row of `GET /transfers/v2/outgoing`. Recipients are only reliable on its deliveries
/// (``MetrcDeliveryModel``).
public struct MetrcTransferModel: Decodable, Sendable, Hashable {
    public var id: Int
    /// Ten digits.
    public var manifestNumber: String
    public var name: String?
    public var shipperFacilityLicenseNumber: String?
    public var createdDateTime: String?
    public var lastModified: String
    public var isVoided: Bool
    /// The template a person turned into this transfer in the Metrc UI, if any.
    public var originatingTemplateId: Int?
    public var deliveryCount: Int?
    public var packageCount: Int?
}
