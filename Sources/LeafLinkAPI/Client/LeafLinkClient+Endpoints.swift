public import Foundation
public import HTTPClientSupport
public import LeafSyncJSON
import NIOHTTP1

extension LeafLinkClient {
    /// `include_children` that embeds everything an order needs.
    public static var orderChildren: String { "line_items,customer,sales_reps" }

    // MARK: Orders received

    public func order(number: String) async throws -> Fetched<Order> { try await Self.decoded(orderRecord(number: number)) }

    /// One order's exact bytes, children embedded, not decoded (what the fetcher logs).
    public func orderRecord(number: String) async throws -> RawRecord {
        try await record(.GET, "orders-received/\(Self.escape(number))/", query: [("include_children", Self.orderChildren)])
    }

    /// PATCHes order fields. LeafLink accepts only the writable fields of the v2 `OrderUpdate`
    /// schema (``Order/updateFields``) and silently drops every other one with a 200 (Django REST),
    /// so a field outside that list is refused here before anything is sent: it would look
    /// written and not be. Status is not patchable: use ``transition(order:_:)``.
    public func patchOrder(number: String, _ fields: JSONObject) async throws -> Fetched<Order> {
        let dropped = fields.keys.filter { !Order.updateFields.contains($0) }
        guard dropped.isEmpty else {
            throw APIError.invalidRequest(
                LeafLinkVendor.self,
                "LeafLink ignores \(dropped.sorted().map { "`\($0)`" }.joined(separator: ", ")) in an order PATCH (not in v2 OrderUpdate)")
        }
        return try await fetched(.PATCH, "orders-received/\(number)/", body: .object(fields))
    }

    public func setShipDate(order number: String, _ date: String) async throws -> Fetched<Order> {
        try await patchOrder(number: number, JSONObject([("ship_date", .string(date))]))
    }

    /// PATCHes `external_ids` (keys up to 36 characters). The object replaces the
    /// order's: pass every key to keep, e.g. the order's current ids with `distru` added.
    public func setExternalIDs(order number: String, _ ids: [String: String]) async throws -> Fetched<Order> {
        let o = JSONObject(ids.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
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

    public func product(id: Int) async throws -> Fetched<Product> { try await Self.decoded(productRecord(id: String(id))) }

    /// One product's exact bytes, not decoded; `id` as a webhook gave it (digits).
    public func productRecord(id: String) async throws -> RawRecord { try await record(.GET, "products/\(Self.escape(id))/") }

    /// `POST /products/` with every field v2 `ProductCreate` requires. Not retried after a lost
    /// answer (it could create twice): look the SKU up with ``product(sku:)`` before creating.
    public func createProduct(_ product: ProductCreate) async throws -> Fetched<Product> {
        try await fetched(.POST, "products/", body: product.json)
    }

    /// The product with this SKU, or nil: `GET /products/?sku=<sku>` (the list's documented
    /// filter, which takes several SKUs separated by commas, so a SKU with a comma is refused —
    /// LeafLink does not support commas in SKUs). Only an exact match is returned.
    public func product(sku: String) async throws -> Fetched<Product>? {
        guard !sku.contains(",") else {
            throw APIError.invalidRequest(LeafLinkVendor.self, "LeafLink SKUs cannot contain commas: \(sku)")
        }
        var found: RawRecord?
        try await forEachPage(of: .products, filters: [("sku", sku)], isolation: nil) { page in
            for record in page.records where found == nil && (try? record.text("sku")) == sku { found = record }
        }
        return try found.map(Self.decoded)
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

    /// The payments of one order: `GET /orders-received/{number}/payments/`, a bare array (the
    /// `/order-payments/` list has no order filter).
    public func orderPayments(order number: String) async throws -> [Fetched<OrderPayment>] {
        let page = try Page(response: try await send(.GET, "orders-received/\(Self.escape(number))/payments/"))
        return try page.records.map(Self.decoded)
    }

    /// `POST /order-payments/`. Not retried after a lost answer (it would pay twice): set
    /// ``OrderPaymentCreate/leafSyncKey`` and look for it in ``orderPayments(order:)`` first.
    public func createOrderPayment(_ payment: OrderPaymentCreate) async throws -> Fetched<OrderPayment> {
        try await fetched(.POST, "order-payments/", body: payment.json)
    }

    public func credits() async throws -> [Fetched<Credit>] { try await typed(LeafLinkResource.credits.path) }

    /// Brands, product lines, categories, subcategories, strains or licenses.
    public func reference(_ resource: LeafLinkResource) async throws -> [Fetched<ReferenceRecord>] { try await typed(resource.path) }

    // MARK: Helpers

    /// A record decoded, with its bytes.
    static func decoded<T: Decodable & Sendable>(_ raw: RawRecord) throws -> Fetched<T> { Fetched(value: try raw.decode(), raw: raw) }

    /// Every record of a list, decoded.
    func typed<T: Decodable & Sendable>(_ path: String, query: [(String, String)] = []) async throws -> [Fetched<T>] {
        try await listAll(path, query: query).map(Self.decoded)
    }

    /// LeafLink's quantity text: four decimal places (`"24.0000"`).
    public static func quantityText(_ q: Decimal) -> String { DecimalText.fixed(q, places: 4) }
}
