/// A line item (`/line-items/`, or embedded in an order with `include_children=line_items`).
public struct LineItem: Sendable, Codable, Hashable {
    public var id: Int
    public var order: String?
    /// Product id (an integer on the wire; a string is accepted).
    public var product: Int?
    public var quantity: LeafLinkDecimal?
    public var unitMultiplier: Int?
    public var bulkUnits: Int?
    public var orderedUnitPrice: LeafLinkMoney?
    public var salePrice: LeafLinkMoney?
    public var wholesalePrice: LeafLinkMoney?
    public var isSample: Bool?
    public var isMedicalLineItem: Bool?
    public var notes: String?
    public var position: Int?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        order = try c.decodeIfPresent(String.self, forKey: .order)
        if let i = try? c.decodeIfPresent(Int.self, forKey: .product) {
            product = i
        } else {
            product = (try? c.decodeIfPresent(String.self, forKey: .product)).flatMap { Int($0) }
        }
        quantity = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .quantity)
        unitMultiplier = try c.decodeIfPresent(Int.self, forKey: .unitMultiplier)
        bulkUnits = try? c.decodeIfPresent(Int.self, forKey: .bulkUnits)
        orderedUnitPrice = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .orderedUnitPrice)
        salePrice = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .salePrice)
        // `wholesale_price` is a money object in observed data and a decimal string in the schema.
        if let m = try? c.decodeIfPresent(LeafLinkMoney.self, forKey: .wholesalePrice) {
            wholesalePrice = m
        } else {
            wholesalePrice = (try? c.decodeIfPresent(LeafLinkDecimal.self, forKey: .wholesalePrice)).flatMap {
                $0.map { LeafLinkMoney($0.value) }
            }
        }
        isSample = try c.decodeIfPresent(Bool.self, forKey: .isSample)
        isMedicalLineItem = try c.decodeIfPresent(Bool.self, forKey: .isMedicalLineItem)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        position = try? c.decodeIfPresent(Int.self, forKey: .position)
    }
}
