/// A row of `GET /facilities/v2/`: a facility the keys reach and its licence.
public struct MetrcFacilityModel: Decodable, Sendable, Hashable {
    public struct License: Decodable, Sendable, Hashable {
        public var number: String
        public var licenseType: String?
    }

    public var name: String?
    public var license: License
}
