public import LeafSyncDomain

/// An order received by the seller (`/orders-received/`), keyed by `number` (a UUID).
/// Every field but `number` is optional so that a partial or changed payload still decodes;
/// the exact bytes received are what the log keeps.
public struct Order: Sendable, Codable, Hashable {
    public var number: String
    public var shortId: String?
    public var externalIdSeller: String?
    public var externalIdBuyer: String?
    public var externalIds: [String: String]?
    /// The seller company's id.
    public var seller: Int?
    /// The buyer company's id.
    public var buyer: Int?
    public var customer: OrderCustomer?
    public var salesReps: [SalesRep]?
    public var status: LeafLinkOrderStatus?
    /// The lowercase states the order may move to next (`["accepted", "rejected"]`).
    public var availableTransitions: [String]?
    public var isCombination: Bool?
    public var classification: String?
    public var discount: LeafLinkDecimal?
    public var discountType: String?
    public var taxAmount: LeafLinkDecimal?
    public var taxType: String?
    public var shippingCharge: LeafLinkMoney?
    public var total: LeafLinkMoney?
    public var credits: LeafLinkDecimal?
    public var paymentBalance: LeafLinkDecimal?
    public var paid: Bool?
    public var paidDate: String?
    public var paymentDueDate: String?
    public var createdOn: LeafLinkTimestamp?
    public var modified: LeafLinkTimestamp?
    public var shipDate: String?
    public var notes: String?
    public var internalNotes: String?
    public var deliveryAddress: Address?
    public var corporateAddress: Address?
    /// Present with `include_children=line_items`.
    public var lineItems: [LineItem]?

    public init(number: String) { self.number = number }

    /// The writable fields of LeafLink v2's `OrderUpdate` (its read-only ones left out): all a
    /// PATCH of `/orders-received/{number}/` can change. `external_id_seller` is not among them:
    /// the SO number goes into `external_ids`.
    public static let updateFields: Set<String> = [
        "discount", "discount_type", "tax_amount", "tax_type", "shipping_charge", "payment_term", "selected_payment_option",
        "payment_due_date", "paid", "paid_date", "ship_date", "shipping_details", "notes", "internal_notes",
        "delivery_preferences", "classification", "delivery_provider", "delivery_info", "external_ids",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(String.self, forKey: .number)
        shortId = try c.decodeIfPresent(String.self, forKey: .shortId)
        externalIdSeller = try c.decodeIfPresent(String.self, forKey: .externalIdSeller)
        externalIdBuyer = try c.decodeIfPresent(String.self, forKey: .externalIdBuyer)
        externalIds = try? c.decodeIfPresent([String: String].self, forKey: .externalIds)
        seller = c.decodeLenientIntIfPresent(forKey: .seller)
        buyer = c.decodeLenientIntIfPresent(forKey: .buyer)
        customer = try c.decodeIfPresent(OrderCustomer.self, forKey: .customer)
        salesReps = try c.decodeIfPresent([SalesRep].self, forKey: .salesReps)
        status = try c.decodeIfPresent(LeafLinkOrderStatus.self, forKey: .status)
        availableTransitions = try c.decodeIfPresent([String].self, forKey: .availableTransitions)
        isCombination = try c.decodeIfPresent(Bool.self, forKey: .isCombination)
        classification = try c.decodeIfPresent(String.self, forKey: .classification)
        discount = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .discount)
        discountType = try c.decodeIfPresent(String.self, forKey: .discountType)
        taxAmount = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .taxAmount)
        taxType = try c.decodeIfPresent(String.self, forKey: .taxType)
        shippingCharge = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .shippingCharge)
        total = try c.decodeIfPresent(LeafLinkMoney.self, forKey: .total)
        credits = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .credits)
        paymentBalance = try c.decodeIfPresent(LeafLinkDecimal.self, forKey: .paymentBalance)
        paid = try c.decodeIfPresent(Bool.self, forKey: .paid)
        paidDate = try c.decodeIfPresent(String.self, forKey: .paidDate)
        paymentDueDate = try c.decodeIfPresent(String.self, forKey: .paymentDueDate)
        createdOn = try c.decodeIfPresent(LeafLinkTimestamp.self, forKey: .createdOn)
        modified = try c.decodeIfPresent(LeafLinkTimestamp.self, forKey: .modified)
        shipDate = try c.decodeIfPresent(String.self, forKey: .shipDate)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        internalNotes = try c.decodeIfPresent(String.self, forKey: .internalNotes)
        deliveryAddress = try? c.decodeIfPresent(Address.self, forKey: .deliveryAddress)
        corporateAddress = try? c.decodeIfPresent(Address.self, forKey: .corporateAddress)
        lineItems = try c.decodeIfPresent([LineItem].self, forKey: .lineItems)
    }
}

/// The customer embedded in an order (`{id, display_name, ext_acct_id, delinquent}`, or the full
/// CRM record with `include_children=customer`).
public struct OrderCustomer: Sendable, Codable, Hashable {
    public var id: Int
    public var displayName: String?
    public var name: String?
    public var extAcctId: String?
    public var delinquent: Bool?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientInt(forKey: .id)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        extAcctId = try c.decodeIfPresent(String.self, forKey: .extAcctId)
        delinquent = try c.decodeIfPresent(Bool.self, forKey: .delinquent)
    }
}

/// A sales rep on an order: `id` is the company staff id, `user` a display name.
public struct SalesRep: Sendable, Codable, Hashable {
    public var id: Int
    public var user: String?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientInt(forKey: .id)
        user = try? c.decodeIfPresent(String.self, forKey: .user)
    }
}

/// A postal address as LeafLink writes it on orders and customers.
public struct Address: Sendable, Codable, Hashable {
    public var address: String?
    public var unitNumber: String?
    public var city: String?
    public var state: String?
    public var zipcode: String?
}
