/// A row of `GET /transfers/v2/templates/outgoing`.
public struct MetrcTemplateModel: Decodable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var transporterFacilityLicenseNumber: String?
    public var driverName: String?
    public var lastModified: String
    public var deliveryCount: Int?
    public var packageCount: Int?
}
