/// A customer company (read-only).
public struct DistruCompanyModel: Sendable, Hashable, Codable {
    public struct License: Sendable, Hashable, Codable {
        public var licenseNumber: String
        public var active: Bool?
    }

    public struct Location: Sendable, Hashable, Codable {
        public var id: DistruID
        public var name: String?
        public var address: String?
    }

    public var id: DistruID
    public var name: String
    public var legalBusinessName: String?
    public var licenses: [License]?
    public var locations: [Location]?
    public var leaflinkCustomerId: DistruID?
    public var updatedDatetime: DistruTimestamp?
}
