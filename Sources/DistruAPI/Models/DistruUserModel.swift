public struct DistruUserModel: Sendable, Hashable, Codable {
    public var id: DistruID
    public var fullName: String?
    public var email: String?
    public var role: DistruEnum?
}
