import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

/// `/api/v2/...` routing onto the store.
struct APIRoutes {
    let store: LeafLinkStore
    let baseURL: String

    static let readOnlyTables: Set<String> = [
        "customers", "company-staff", "credits", "order-sales-reps", "order-event-logs", "brands", "product-lines",
        "product-categories", "product-subcategories", "strains", "licenses",
    ]

    func handle(method: String, components c: [String], query: [(String, String)], body: [UInt8]) async throws(SimError) -> (Int, JSONValue)
    {
        func object() throws(SimError) -> JSONObject {
            guard let v = try? JSONParser.parse(body), case .object(let o) = v else {
                throw .detail(400, "JSON parse error - expected a JSON object.")
            }
            return o
        }
        let include = Set((query.first { $0.0 == "include_children" }?.1 ?? "").split(separator: ",").map(String.init))
        switch (method, c.count, c.first ?? "") {
        case ("GET", 1, let table)
        where table == "orders-received" || table == "products" || table == "line-items"
            || table == "order-payments" || Self.readOnlyTables.contains(table):
            if let hook = await store.listHook {
                await hook(table, Int(query.first { $0.0 == "offset" }?.1 ?? "") ?? 0)
            }
            return (200, await store.listPage(table, query: query, baseURL: baseURL))

        case ("GET", 2, "orders-received"):
            let o = try await store.require("orders-received", c[1])
            return (200, .object(await store.render(order: o, include: include)))
        case ("PATCH", 2, "orders-received"):
            return (200, .object(try await store.patchOrder(c[1], try object())))
        case ("POST", 4, "orders-received") where c[2] == "transition":
            let o = try await store.transition(c[1], action: c[3], actions: OrderRules.apiActions)
            return (200, .object(await store.render(order: o, include: [])))
        case ("GET", 3, "orders-received") where c[2] == "payments":
            _ = try await store.require("orders-received", c[1])
            return (200, .array(await store.payments(of: c[1]).map { .object($0) }))
        case ("GET", 3, "orders-received") where c[2] == "line-items":
            _ = try await store.require("orders-received", c[1])
            return (200, .array(await store.linesOf(c[1]).map { .object($0) }))

        case ("POST", 1, "line-items"):
            let b = try object()
            guard let number = b["order"]?.stringValue else { throw .field("order", "This field is required.") }
            guard let product = b["product"]?.intValue else { throw .field("product", "This field is required.") }
            guard let q = Dec.from(b["quantity"]), q > 0 else { throw .field("quantity", "A valid number is required.") }
            // v2 `LineItemCreate` requires both prices; a negative price is the seller's discount line.
            guard let price = Dec.from(b["ordered_unit_price"]) else { throw .field("ordered_unit_price", "This field is required.") }
            guard let sale = Dec.from(b["sale_price"]) else { throw .field("sale_price", "This field is required.") }
            try await store.addLine(
                number, product: product, quantity: q, isSample: b["is_sample"]?.boolValue ?? false, prices: (price, sale))
            let line = await store.linesOf(number).last!
            return (201, .object(line))
        case ("GET", 2, "line-items"):
            return (200, .object(try await store.require("line-items", c[1])))

        case ("POST", 1, "products"):
            return (201, .object(try await store.createProduct(try object())))
        case ("GET", 2, "products"):
            return (200, .object(try await store.require("products", c[1])))
        case ("PATCH", 2, "products"), ("PUT", 2, "products"):
            return (200, .object(try await store.patchProduct(c[1], try object())))
        case ("DELETE", 2, "products"):
            return (200, .object(try await store.archiveProduct(c[1])))

        case ("POST", 1, "order-payments"):
            return (201, .object(try await store.createPayment(try object())))
        case ("GET", 2, "order-payments"):
            return (200, .object(try await store.require("order-payments", c[1])))

        case ("GET", 2, let table) where Self.readOnlyTables.contains(table):
            return (200, .object(try await store.require(table, c[1])))

        case (_, _, let table) where Self.readOnlyTables.contains(table) || table == "orders-received" || table == "products":
            throw .detail(405, "Method \"\(method)\" not allowed.")
        default:
            throw .notFound()
        }
    }
}
