/// Where a product created in LeafLink is filed: the LeafLink ids of its brand, category,
/// sub-category, licence and (optionally) product line: the "LeafLink fields" Distru keeps on a
/// product. LeafLink refuses a product without the first four.
public struct LeafLinkPlacement: Equatable, Sendable {
    public var brand: Int?
    public var category: Int?
    public var subcategory: Int?
    public var license: Int?
    public var productLine: Int?

    public init(brand: Int? = nil, category: Int? = nil, subcategory: Int? = nil, license: Int? = nil, productLine: Int? = nil) {
        self.brand = brand
        self.category = category
        self.subcategory = subcategory
        self.license = license
        self.productLine = productLine
    }

    /// The names of the required fields not given, in the order the CLI takes them.
    var missing: [String] {
        [("brand", brand), ("category", category), ("subcategory", subcategory), ("license", license)].filter { $0.1 == nil }.map(\.0)
    }
}
