/// Reference data (brands, product lines, categories, subcategories, strains, licenses): an id
/// and a name; the full record stays in the raw bytes.
public struct ReferenceRecord: Sendable, Codable, Hashable {
    public var id: Int
    public var name: String?
    public var number: String?
}
