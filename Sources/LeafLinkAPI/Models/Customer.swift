/// A CRM customer of the seller (`/customers/`).
public struct Customer: Sendable, Codable, Hashable {
    public var id: Int
    public var name: String?
    public var nickname: String?
    public var dba: String?
    public var licenseNumber: String?
    public var externalId: String?
    public var extAcctId: String?
    public var email: String?
    public var phone: String?
    public var managers: [Int]?
    public var archived: Bool?
    public var delinquent: Bool?
    public var modified: LeafLinkTimestamp?
}
