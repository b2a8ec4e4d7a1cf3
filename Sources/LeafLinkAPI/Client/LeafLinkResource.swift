/// The list endpoints LeafSync reads, with their paths relative to `/api/v2/`.
public enum LeafLinkResource: String, Sendable, CaseIterable, Codable {
    case ordersReceived = "orders-received"
    case lineItems = "line-items"
    case products
    case customers
    case companyStaff = "company-staff"
    case orderPayments = "order-payments"
    case credits
    case orderSalesReps = "order-sales-reps"
    case orderEventLogs = "order-event-logs"
    case brands
    case productLines = "product-lines"
    case productCategories = "product-categories"
    case productSubcategories = "product-subcategories"
    case strains
    case licenses

    public var path: String { rawValue + "/" }

    /// The filter for "modified since", where LeafLink has one.
    public var modifiedFilter: String? {
        switch self {
        case .ordersReceived, .products, .customers: "modified__gte"
        case .lineItems: "order__modified__gte"
        default: nil
        }
    }
}
