/// One of the seller's own locations (warehouses).
public struct DistruLocationModel: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var address: String?
    public var license: String?
}
