public import Foundation

/// The optional LeafLink product fields (R-PRD-05) that an operator's ``LeafLinkProductRequest``
/// sets and the ``LeafLinkProductDraft`` made from it carries on: written once, shared by both.
public struct LeafLinkProductFields: Equatable, Sendable {
    public var sku: String?
    public var description: String?
    public var licenseID: Int?
    public var brandID: Int?
    public var productLineID: Int?
    public var categoryID: Int?
    public var subcategoryID: Int?
    public var wholesalePrice: Money?
    public var salePrice: Money?
    public var retailPrice: Money?
    public var minimumOrder: Decimal?
    public var maximumOrder: Decimal?
    public var strainClassification: String?
    public var unitsPerCase: Decimal?

    public init(
        sku: String? = nil, description: String? = nil, licenseID: Int? = nil, brandID: Int? = nil,
        productLineID: Int? = nil, categoryID: Int? = nil, subcategoryID: Int? = nil, wholesalePrice: Money? = nil,
        salePrice: Money? = nil, retailPrice: Money? = nil, minimumOrder: Decimal? = nil, maximumOrder: Decimal? = nil,
        strainClassification: String? = nil, unitsPerCase: Decimal? = nil
    ) {
        self.sku = sku; self.description = description; self.licenseID = licenseID; self.brandID = brandID
        self.productLineID = productLineID; self.categoryID = categoryID; self.subcategoryID = subcategoryID
        self.wholesalePrice = wholesalePrice; self.salePrice = salePrice; self.retailPrice = retailPrice
        self.minimumOrder = minimumOrder; self.maximumOrder = maximumOrder
        self.strainClassification = strainClassification; self.unitsPerCase = unitsPerCase
    }
}
