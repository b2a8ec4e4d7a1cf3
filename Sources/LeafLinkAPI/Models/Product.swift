public import Foundation
import HTTPClientSupport
public import LeafSyncJSON

/// A seller product (`/products/`).
public struct Product: Sendable, Codable, Hashable {
    public var id: Int
    public var sku: String?
    public var name: String?
    public var displayName: String?
    public var description: String?
    public var brand: Int?
    public var productLine: Int?
    public var category: Int?
    public var subCategory: Int?
    public var license: ProductLicense?
    public var strains: [Int]?
    public var strainClassification: String?
    public var wholesalePrice: LeafLinkMoney?
    public var retailPrice: LeafLinkMoney?
    public var salePrice: LeafLinkMoney?
    public var unitOfMeasure: String?
    public var sellInUnitOfMeasure: String?
    public var unitMultiplier: Int?
    public var minimumOrder: LeafLinkDecimal?
    public var maximumOrder: LeafLinkDecimal?
    /// 1 managed, 2 unlimited, 3 inherited.
    public var inventoryManagement: Int?
    public var quantity: LeafLinkDecimal?
    public var reservedQty: LeafLinkDecimal?
    public var availableInventory: LeafLinkDecimal?
    public var showQuantity: Bool?
    public var listingState: ListingState?
    public var externalIds: [String: String]?
    public var createdOn: LeafLinkTimestamp?
    public var lastEdit: LeafLinkTimestamp?
    public var modified: LeafLinkTimestamp?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientInt(forKey: .id)
        sku = try c.decodeIfPresent(String.self, forKey: .sku)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        brand = c.decodeLenientIntIfPresent(forKey: .brand)
        productLine = c.decodeLenientIntIfPresent(forKey: .productLine)
        category = c.decodeLenientIntIfPresent(forKey: .category)
        subCategory = c.decodeLenientIntIfPresent(forKey: .subCategory)
        // An object in the REST shape; a bare id or licence number in other shapes.
        if let object = try? c.decodeIfPresent(ProductLicense.self, forKey: .license) {
            license = object
        } else if let id = c.decodeLenientIntIfPresent(forKey: .license) {
            license = ProductLicense(id: id)
        } else {
            license = (try? c.decodeIfPresent(String.self, forKey: .license)).map { ProductLicense(number: $0) }
        }
        strains = try? c.decodeIfPresent([Int].self, forKey: .strains)
        strainClassification = try c.decodeIfPresent(String.self, forKey: .strainClassification)
        wholesalePrice = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .wholesalePrice)
        retailPrice = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .retailPrice)
        salePrice = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .salePrice)
        unitOfMeasure = try c.decodeIfPresent(String.self, forKey: .unitOfMeasure)
        sellInUnitOfMeasure = try c.decodeIfPresent(String.self, forKey: .sellInUnitOfMeasure)
        unitMultiplier = try c.decodeIfPresent(Int.self, forKey: .unitMultiplier)
        minimumOrder = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .minimumOrder)
        maximumOrder = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .maximumOrder)
        inventoryManagement = c.decodeLenientIntIfPresent(forKey: .inventoryManagement)
        quantity = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .quantity)
        reservedQty = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .reservedQty)
        availableInventory = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .availableInventory)
        showQuantity = try c.decodeIfPresent(Bool.self, forKey: .showQuantity)
        listingState = try c.decodeIfPresent(ListingState.self, forKey: .listingState)
        externalIds = try? c.decodeIfPresent([String: String].self, forKey: .externalIds)
        createdOn = try c.decodeIfPresent(LeafLinkTimestamp.self, forKey: .createdOn)
        lastEdit = try c.decodeIfPresent(LeafLinkTimestamp.self, forKey: .lastEdit)
        modified = try c.decodeIfPresent(LeafLinkTimestamp.self, forKey: .modified)
    }
}

/// The license a product is listed under.
public struct ProductLicense: Sendable, Codable, Hashable {
    public var id: Int?
    public var number: String?
    public var type: String?
    public var displayType: String?
    public var classification: String?

    public init(id: Int? = nil, number: String? = nil, type: String? = nil, displayType: String? = nil, classification: String? = nil) {
        self.id = id
        self.number = number
        self.type = type
        self.displayType = displayType
        self.classification = classification
    }
}
