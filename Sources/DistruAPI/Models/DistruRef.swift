/// A reference to another record as Distru embeds it: `{"id": …, "name": …}`.
public struct DistruRef: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String?
    public var fullName: String?
    public var orderNumber: String?
}
