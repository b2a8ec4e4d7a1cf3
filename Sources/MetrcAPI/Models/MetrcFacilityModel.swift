/// A row of `GET /facilities/v2/`: a facility the keys reach and its licence.
public struct MetrcFacilityModel: Decodable, Sendable, Hashable {
    public struct License: Decodable, Sendable, Hashable {
        public var number: String
        public var licenseType: String?
        enum CodingKeys: String, CodingKey {
            case number = "Number"
            case licenseType = "LicenseType"
        }
    }

    public var name: String?
    public var license: License

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case license = "License"
    }
}
