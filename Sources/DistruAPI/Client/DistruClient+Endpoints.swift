public import Foundation
public import HTTPClientSupport
import LeafSyncJSON
import NIOHTTP1

extension DistruClient {
    // MARK: Single records

    /// `GET /{resource}/{id}` → the record inside `{"data": …}`, as exact bytes.
    public func record(_ resource: DistruResource, id: String) async throws -> DistruRecord {
        try await record(.GET, "\(resource.path)/\(Self.escape(id))")
    }

    public func product(id: String) async throws -> DistruFetched<DistruProductModel> { try await fetched(.products, id: id) }
    public func order(id: String) async throws -> DistruFetched<DistruOrderModel> { try await fetched(.orders, id: id) }
    public func company(id: String) async throws -> DistruFetched<DistruCompanyModel> { try await fetched(.companies, id: id) }
    public func invoice(id: String) async throws -> DistruFetched<DistruInvoiceModel> { try await fetched(.invoices, id: id) }

    // MARK: Lists (typed)

    public func products(updatedSince: DistruTimestamp? = nil) async throws -> [DistruFetched<DistruProductModel>] {
        try await typed(.products, updatedSince)
    }
    public func orders(updatedSince: DistruTimestamp? = nil) async throws -> [DistruFetched<DistruOrderModel>] {
        try await typed(.orders, updatedSince)
    }
    public func companies(updatedSince: DistruTimestamp? = nil) async throws -> [DistruFetched<DistruCompanyModel>] {
        try await typed(.companies, updatedSince)
    }
    public func invoices(updatedSince: DistruTimestamp? = nil) async throws -> [DistruFetched<DistruInvoiceModel>] {
        try await typed(.invoices, updatedSince)
    }
    /// Inventory grouped by product and location.
    public func inventory() async throws -> [DistruFetched<DistruInventoryRowModel>] { try await typed(.inventory, nil) }
    public func users() async throws -> [DistruFetched<DistruUserModel>] { try await typed(.users, nil) }
    public func locations() async throws -> [DistruFetched<DistruLocationModel>] { try await typed(.locations, nil) }
    public func taxes() async throws -> [DistruFetched<DistruTaxModel>] { try await typed(.taxes, nil) }

    // MARK: Writes

    /// `POST /orders {"order": …}` with Distru's upsert rules: a body `id` updates that order (an
    /// unknown one is an error, 404), no `id` creates under a new id. An update is idempotent,
    /// so it is retried after 5xx and lost answers; a create without an id is not (it could make
    /// two orders): use ``createOrder(id:_:)`` to create.
    public func upsertOrder(_ order: DistruOrderWrite) async throws -> DistruFetched<DistruOrderModel> {
        try await fetched(.POST, "orders", body: Self.wrapped("order", order.json), idempotent: order.id != nil)
    }

    /// The idempotent create: `POST /orders?id=<id> {"order": …}` creates the order under `id`,
    /// or updates it when it already exists, so a create retried after a lost answer (or a
    /// crash) never makes a second order. The body carries no `id` (a body `id` means "update").
    public func createOrder(id: String, _ order: DistruOrderWrite) async throws -> DistruFetched<DistruOrderModel> {
        var body = order
        body.id = nil
        return try await fetched(.POST, "orders", query: [("id", id)], body: Self.wrapped("order", body.json), idempotent: true)
    }

    /// Creates the sales order for LeafLink order `number` under LeafSync's deterministic id
    /// (``DeterministicID/salesOrder(forLeafLinkOrder:)``) with ``createOrder(id:_:)``. Check
    /// ``order(id:)`` first to adopt an order that already exists.
    public func createOrder(forLeafLinkOrder number: String, _ order: DistruOrderWrite) async throws -> DistruFetched<DistruOrderModel> {
        try await createOrder(id: DeterministicID.salesOrder(forLeafLinkOrder: number), order)
    }

    /// `DELETE /orders/{id}`. A 404 (already gone) counts as done.
    public func deleteOrder(id: String) async throws {
        do {
            _ = try await send(.DELETE, "orders/\(Self.escape(id))")
        } catch let e as DistruError where e.status == 404 {
            return
        }
    }

    /// `POST /products {"product": …}`, with the upsert rules of ``upsertOrder(_:)``: a body
    /// `id` updates that product (retried: idempotent), none creates one (not retried).
    /// Deactivate with ``DistruProductWrite/isInactive``.
    public func upsertProduct(_ product: DistruProductWrite) async throws -> DistruFetched<DistruProductModel> {
        try await fetched(.POST, "products", body: Self.wrapped("product", product.json), idempotent: product.id != nil)
    }

    /// Sets a product's sale price (`unit_price`), leaving every other field as it is.
    public func setProductSalePrice(id: String, price: Decimal) async throws -> DistruFetched<DistruProductModel> {
        var write = DistruProductWrite(id: id)
        write.unitPrice = price
        return try await upsertProduct(write)
    }

    /// Records a payment on an invoice; returns the invoice with its payments. Not retried after
    /// a lost answer (it would pay twice): re-read the invoice instead.
    public func addInvoicePayment(invoiceID: String, _ payment: DistruPaymentWrite) async throws -> DistruFetched<DistruInvoiceModel> {
        try await fetched(
            .POST, "invoices/\(Self.escape(invoiceID))/payments",
            body: Self.wrapped("payment", payment.json), idempotent: false)
    }

    // MARK: Helpers

    /// Distru's write envelope: `{"<key>": fields}`.
    static func wrapped(_ key: String, _ fields: JSONObject) -> JSONValue { .object(JSONObject([(key, .object(fields))])) }

    func fetched<T: Decodable & Sendable>(_ resource: DistruResource, id: String) async throws -> DistruFetched<T> {
        try await fetched(.GET, "\(resource.path)/\(Self.escape(id))")
    }

    func typed<T: Decodable & Sendable>(_ resource: DistruResource, _ since: DistruTimestamp?) async throws -> [DistruFetched<T>] {
        try await listAll(resource, since: since).map { DistruFetched(value: try $0.decode(), raw: $0) }
    }
}
