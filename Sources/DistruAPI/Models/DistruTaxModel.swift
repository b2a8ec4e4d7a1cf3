public struct DistruTaxModel: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var percent: DistruDecimal?
}
