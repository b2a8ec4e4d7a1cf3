import DistruAPI
import HTTPClientSupport
import LeafSyncJSON

/// `/public/v1/...` routing onto the store.
struct DistruAPIRoutes {
    let store: DistruStore
    let baseURL: String

    static let lists: Set<String> = ["products", "inventory", "orders", "companies", "users", "locations", "taxes", "invoices"]

    func handle(
        method: String, components c: [String], query: [(String, String)], body: [UInt8]
    ) async throws(DistruSimError) -> (Int, JSONValue) {
        /// The object under `key` in `{"<key>": {...}}`.
        func wrapped(_ key: String) throws(DistruSimError) -> JSONObject {
            guard let v = try? JSONParser.parse(body), case .object(let root) = v else {
                throw DistruSimError(400, "request body must be a JSON object")
            }
            guard case .object(let o)? = root[key] else { throw .invalid("is required", .string(key)) }
            return o
        }
        let queryID = query.first { $0.0 == "id" }?.1
        func data(_ o: JSONObject) -> JSONValue { ["data": .object(o)] }
        switch (method, c.count, c.first ?? "") {
        case ("GET", 1, let table) where Self.lists.contains(table):
            return (200, await store.listPage(table, query: query, baseURL: baseURL))
        case ("GET", 2, let table) where Self.lists.contains(table):
            return (200, data(try await store.get(table, c[1])))
        case ("POST", 1, "orders"):
            let b = try wrapped("order")
            let existed = await store.exists("orders", W.id(b["id"]) ?? queryID)
            return (existed ? 200 : 201, data(try await store.upsertOrder(b, id: queryID)))
        case ("DELETE", 2, "orders"):
            let o = try await store.deleteOrder(c[1])
            return (200, data(JSONObject([("id", o["id"] ?? .string(c[1]))])))
        case ("POST", 1, "products"):
            let b = try wrapped("product")
            let existed = await store.exists("products", W.id(b["id"]) ?? queryID)
            return (existed ? 200 : 201, data(try await store.upsertProduct(b, id: queryID)))
        case ("POST", 1, "invoices"):
            let b = try wrapped("invoice")
            let existed = await store.exists("invoices", W.id(b["id"]) ?? queryID)
            return (existed ? 200 : 201, data(try await store.upsertInvoice(b, id: queryID)))
        case ("POST", 3, "invoices") where c[2] == "payments":
            return (201, data(try await store.addPayment(invoice: c[1], try wrapped("payment"))))
        case (_, _, let table) where Self.lists.contains(table):
            throw DistruSimError(405, "method \(method) not allowed here")
        default:
            throw DistruSimError(404, "no such endpoint")
        }
    }
}

extension DistruStore {
    func exists(_ table: String, _ id: String?) -> Bool { id.map { tables[table]?[$0] != nil } ?? false }
}
