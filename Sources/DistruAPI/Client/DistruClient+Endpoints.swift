import Foundation
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

    /// Upserts a sales order: `POST /orders {"order": …}`. With an `id` the call is idempotent
    /// (Distru updates that order or creates it under that id), so it is retried after 5xx and
    /// lost answers; without one it is not.
    public func upsertOrder(_ order: DistruOrderWrite) async throws -> DistruFetched<DistruOrderModel> {
        try await upsert("orders", key: "order", order.json, idempotent: order.id != nil)
    }

    /// Creates a sales order under LeafSync's deterministic id for `leafLinkOrderNumber`
    /// (``DeterministicID/salesOrder(forLeafLinkOrder:)``): a retried create can never make a
    /// second order.
    public func createOrder(forLeafLinkOrder number: String, _ order: DistruOrderWrite) async throws -> DistruFetched<DistruOrderModel> {
        var o = order
        o.id = DeterministicID.salesOrder(forLeafLinkOrder: number)
        return try await upsertOrder(o)
    }

    /// `DELETE /orders/{id}`. A 404 (already gone) counts as done.
    public func deleteOrder(id: String) async throws {
        do {
            _ = try await send(.DELETE, "orders/\(Self.escape(id))")
        } catch let e as DistruError where e.status == 404 {
            return
        }
    }

    /// Upserts a product (`POST /products {"product": …}`): sale price, LeafLink fields…
    public func upsertProduct(_ product: DistruProductWrite) async throws -> DistruFetched<DistruProductModel> {
        try await upsert("products", key: "product", product.json, idempotent: product.id != nil)
    }

    /// Records a payment on an invoice; returns the invoice with its payments. Not retried after
    /// a lost answer (it would pay twice): re-read the invoice instead.
    public func addInvoicePayment(invoiceID: String, _ payment: DistruPaymentWrite) async throws -> DistruFetched<DistruInvoiceModel> {
        try await fetched(
            .POST, "invoices/\(Self.escape(invoiceID))/payments",
            body: .object(JSONObject([("payment", .object(payment.json))])), idempotent: false)
    }

    // MARK: Helpers

    func upsert<T: Decodable & Sendable>(
        _ path: String, key: String, _ fields: JSONObject, idempotent: Bool
    ) async throws -> DistruFetched<T> {
        try await fetched(.POST, path, body: .object(JSONObject([(key, .object(fields))])), idempotent: idempotent)
    }

    func fetched<T: Decodable & Sendable>(_ resource: DistruResource, id: String) async throws -> DistruFetched<T> {
        try await fetched(.GET, "\(resource.path)/\(Self.escape(id))")
    }

    func typed<T: Decodable & Sendable>(_ resource: DistruResource, _ since: DistruTimestamp?) async throws -> [DistruFetched<T>] {
        try await listAll(resource, since: since).map { DistruFetched(value: try $0.decode(), raw: $0) }
    }
}
