public import Foundation
public import LeafSyncJSON

/// The body of `POST /products/`: every field LeafLink v2's `ProductCreate` schema requires
/// (19 of them; LeafLink answers 400 naming each one missing).
///
/// The initializer takes the required fields that have no documented default: `name`, `sku`,
/// `wholesalePrice`, `seller` (the seller company's id, as on any of its products or orders),
/// `brand`, `category`, `subCategory` and `license` (ids from the reference lists). The other
/// required fields start at the default the OpenAPI document itself prescribes ("use … if not
/// stored in the source system"):
///
/// | Field | Default |
/// |---|---|
/// | `description` | the name |
/// | `retail_price`, `sale_price` | `"0.00"` |
/// | `minimum_order` | `"0.01"` |
/// | `maximum_order` | `"100000"` |
/// | `listing_state` | `Available` |
/// | `inventory_management` | `"1"` (Managed: `quantity` sets the stock) |
/// | `unit_of_measure` | `Unit` |
/// | `unit_denomination` | `1` (the denomination "1") |
/// | `manufacturer` | the seller |
/// | `strain_classification` | `na` |
///
/// Amounts are written as decimal text (`"12.50"`), quantities with four places.
/// `sell_in_unit_of_measure` is `Case` whenever `unitMultiplier` is above 1, as LeafLink requires.
public struct ProductCreate: Sendable, Hashable {
    public var name: String
    /// Unique per company; LeafLink does not support commas in it.
    public var sku: String
    public var wholesalePrice: Decimal
    public var seller: Int
    public var brand: Int
    public var category: Int
    public var subCategory: Int
    public var license: Int

    /// nil: the name.
    public var description: String?
    public var retailPrice: Decimal = 0
    public var salePrice: Decimal = 0
    public var minimumOrder: Decimal = Decimal(string: "0.01")!
    public var maximumOrder: Decimal = 100_000
    public var listingState: ListingState = .available
    /// 1 Managed, 2 Unlimited, 3 Inherited.
    public var inventoryManagement: Int = 1
    /// `Milligram, Gram, Kilogram, Ounce, Pound, Unit, Liter, Milliliter`.
    public var unitOfMeasure: String = "Unit"
    /// LeafLink's denomination id (1 is "1").
    public var unitDenomination: Int = 1
    /// nil: the seller.
    public var manufacturer: Int?
    /// `sativa, indica, hybrid, na, 11-cbd, high-cbd, sativa-hybrid, indica-hybrid`.
    public var strainClassification: String = "na"

    /// On-hand inventory (with managed inventory); nil leaves LeafLink's 0.
    public var quantity: Decimal?
    /// Units per case when sold in multiples.
    public var unitMultiplier: Int = 1
    public var productLine: Int?
    public var strains: [Int]?
    /// Show inventory quantities to buyers.
    public var showQuantity: Bool?
    public var externalIDs: [String: String]?
    /// Other `ProductCreate` fields, sent as given (they win over the ones above).
    public var extra = JSONObject()

    public init(
        name: String, sku: String, wholesalePrice: Decimal, seller: Int, brand: Int, category: Int, subCategory: Int, license: Int
    ) {
        self.name = name
        self.sku = sku
        self.wholesalePrice = wholesalePrice
        self.seller = seller
        self.brand = brand
        self.category = category
        self.subCategory = subCategory
        self.license = license
    }

    /// The fields `ProductCreate` requires, in the schema's order.
    public static let requiredFields = [
        "name", "description", "retail_price", "wholesale_price", "sale_price", "minimum_order", "maximum_order", "listing_state",
        "inventory_management", "unit_of_measure", "unit_denomination", "category", "sub_category", "seller", "brand",
        "manufacturer", "strain_classification", "sku", "license",
    ]

    public var json: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        o["description"] = .string(description ?? name)
        o["retail_price"] = LeafLinkMoney.json(retailPrice)
        o["wholesale_price"] = LeafLinkMoney.json(wholesalePrice)
        o["sale_price"] = LeafLinkMoney.json(salePrice)
        o["minimum_order"] = .string(DecimalText.plain(minimumOrder))
        o["maximum_order"] = .string(DecimalText.plain(maximumOrder))
        o["listing_state"] = .string(listingState.rawValue)
        o["inventory_management"] = .string(String(inventoryManagement))
        o["unit_of_measure"] = .string(unitOfMeasure)
        o["unit_denomination"] = .int(unitDenomination)
        o["category"] = .int(category)
        o["sub_category"] = .int(subCategory)
        o["seller"] = .int(seller)
        o["brand"] = .int(brand)
        o["manufacturer"] = .int(manufacturer ?? seller)
        o["strain_classification"] = .string(strainClassification)
        o["sku"] = .string(sku)
        o["license"] = .int(license)
        o["unit_multiplier"] = .int(unitMultiplier)
        if unitMultiplier > 1 { o["sell_in_unit_of_measure"] = "Case" }
        if let quantity { o["quantity"] = .string(DecimalText.fixed(quantity, places: 4)) }
        if let productLine { o["product_line"] = .int(productLine) }
        if let strains { o["strains"] = .array(strains.map { .int($0) }) }
        if let showQuantity { o["show_quantity"] = .bool(showQuantity) }
        if let externalIDs {
            o["external_ids"] = .object(JSONObject(externalIDs.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }
}
