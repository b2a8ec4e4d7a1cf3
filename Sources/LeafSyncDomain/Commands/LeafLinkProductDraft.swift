import Foundation

/// R-PRD-05: a LeafLink product to create, with only the supported subset of fields. The
/// optional ones, as the operator's request set them, are in ``fields`` and read as its own
/// (`draft.sku`).
@dynamicMemberLookup
public struct LeafLinkProductDraft: Equatable, Sendable {
    public var distruProductID: String
    public var name: String
    public var showInventoryToBuyers: Bool
    public var inventoryManagement: InventoryManagement
    public var strainIDs: [Int]
    /// R-PRD-06.
    public var unit: LeafLinkUnit
    public var sellInMultiples: Bool
    public var fields: LeafLinkProductFields

    public subscript<T>(dynamicMember path: WritableKeyPath<LeafLinkProductFields, T>) -> T {
        get { fields[keyPath: path] }
        set { fields[keyPath: path] = newValue }
    }
}

/// Changed LeafLink product fields; `nil` fields are not sent.
public struct LeafLinkProductChanges: Equatable, Sendable {
    public var name: String?
    public var sku: String?
    public var description: String?
    public var unit: LeafLinkUnit?
    public var wholesalePrice: Money?
    /// The other R-PRD-05 fields, as set on the Distru product's LeafLink tab (R-PRD-07).
    public var settings: LeafLinkProductRequest?

    public init(
        name: String? = nil, sku: String? = nil, description: String? = nil, unit: LeafLinkUnit? = nil,
        wholesalePrice: Money? = nil, settings: LeafLinkProductRequest? = nil
    ) {
        self.name = name
        self.sku = sku
        self.description = description
        self.unit = unit
        self.wholesalePrice = wholesalePrice
        self.settings = settings
    }
}
