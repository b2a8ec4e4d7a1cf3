public import Foundation
public import HTTPClientSupport
public import LeafSyncJSON
import NIOHTTP1

extension LeafLinkClient {
    /// `include_children` that embeds everything an order needs.
    public static var orderChildren: String { "line_items,customer,sales_reps" }

    // MARK: Orders received

    public func order(number: String) async throws -> Fetched<Order> {
        try await fetched(.GET, "orders-received/\(number)/", query: [("include_children", Self.orderChildren)])
    }

    /// PATCHes order fields (`ship_date`, `external_ids`, `external_id_seller`, notes…).
    /// Status is not patchable: use ``transition(order:_:)``.
    public func patchOrder(number: String, _ fields: JSONObject) async throws -> Fetched<Order> {
        try await fetched(.PATCH, "orders-received/\(number)/", body: .object(fields))
    }

    public func setShipDate(order number: String, _ date: String) async throws -> Fetched<Order> {
        try await patchOrder(number: number, JSONObject([("ship_date", .string(date))]))
    }

    public func setExternalIDs(order number: String, _ ids: [String: String]) async throws -> Fetched<Order> {
        var o = JSONObject()
        for (k, v) in ids.sorted(by: { $0.key < $1.key }) { o[k] = .string(v) }
        return try await patchOrder(number: number, JSONObject([("external_ids", .object(o))]))
    }

    /// `POST /orders-received/{number}/transition/{action}/` (no body; returns the order).
    public func transition(order number: String, _ action: OrderTransition) async throws -> Fetched<Order> {
        try await fetched(.POST, "orders-received/\(number)/transition/\(action.rawValue)/")
    }

    public func lineItems(order number: String) async throws -> [Fetched<LineItem>] {
        try await typed("orders-received/\(number)/line-items/")
    }

    // MARK: Products

    public func product(id: Int) async throws -> Fetched<Product> { try await fetched(.GET, "products/\(id)/") }

    public func createProduct(_ product: ProductCreate) async throws -> Fetched<Product> {
        try await fetched(.POST, "products/", body: product.json)
    }

    /// PATCHes product fields; `quantity` sets on-hand inventory.
    public func patchProduct(id: Int, _ fields: JSONObject) async throws -> Fetched<Product> {
        try await fetched(.PATCH, "products/\(id)/", body: .object(fields))
    }

    public func setProductQuantity(id: Int, _ quantity: Decimal) async throws -> Fetched<Product> {
        try await patchProduct(id: id, JSONObject([("quantity", .string(Self.quantityText(quantity)))]))
    }

    /// DELETE archives a product (LeafLink keeps it with `listing_state` Archived).
    public func archiveProduct(id: Int) async throws -> Fetched<Product> { try await fetched(.DELETE, "products/\(id)/") }

    // MARK: Customers, staff, payments, credits

    public func customer(id: Int) async throws -> Fetched<Customer> { try await fetched(.GET, "customers/\(id)/") }

    public func companyStaff() async throws -> [Fetched<CompanyStaff>] { try await typed(LeafLinkResource.companyStaff.path) }

    public func orderPayments(order number: String) async throws -> [Fetched<OrderPayment>] {
        try await typed(LeafLinkResource.orderPayments.path, query: [("order", number)])
    }

    public func createOrderPayment(_ payment: OrderPaymentCreate) async throws -> Fetched<OrderPayment> {
        try await fetched(.POST, "order-payments/", body: payment.json)
    }

    public func credits() async throws -> [Fetched<Credit>] { try await typed(LeafLinkResource.credits.path) }

    /// Brands, product lines, categories, subcategories, strains or licenses.
    public func reference(_ resource: LeafLinkResource) async throws -> [Fetched<ReferenceRecord>] { try await typed(resource.path) }

    // MARK: Helpers

    /// Every record of a list, decoded.
    func typed<T: Decodable & Sendable>(_ path: String, query: [(String, String)] = []) async throws -> [Fetched<T>] {
        try await listAll(path, query: query).map { Fetched(value: try $0.decode(), raw: $0) }
    }

    /// LeafLink's quantity text: four decimal places (`"24.0000"`).
    public static func quantityText(_ q: Decimal) -> String { DecimalText.fixed(q, places: 4) }
}
