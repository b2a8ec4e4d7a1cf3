/// A member of the seller company (`/company-staff/`); sales reps on orders point here.
public struct CompanyStaff: Sendable, Codable, Hashable {
    public var id: Int
    public var user: Int?
    public var company: Int?
    public var email: String?
    public var displayName: String?
    public var isActive: Bool?
    public var isAdmin: Bool?
}
