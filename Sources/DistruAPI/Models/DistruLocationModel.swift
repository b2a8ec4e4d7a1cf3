/// One of the seller's own locations (warehouses).
public struct DistruLocationModel: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var address: String?
    /// The licence number: Distru sends a string, or in some accounts an object
    /// (`{"license_number": …}` or `{"number": …}`); either is read as the number.
    public var license: String?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(DistruID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        address = try? c.decodeIfPresent(String.self, forKey: .address)
        if let text = try? c.decodeIfPresent(String.self, forKey: .license) {
            license = text
        } else {
            license = (try? c.decodeIfPresent(LicenseObject.self, forKey: .license)).flatMap { $0.licenseNumber ?? $0.number }
        }
    }

    struct LicenseObject: Decodable {
        var licenseNumber: String?
        var number: String?
    }
}
