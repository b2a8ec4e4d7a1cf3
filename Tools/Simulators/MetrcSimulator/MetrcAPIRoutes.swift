import LeafSyncJSON

/// Metrc v2 paths routed onto the store. Answers nil for an empty 200 (an archive).
struct MetrcAPIRoutes {
    let store: MetrcStore

    func handle(method: String, components c: [String], query: [(String, String)], body: [UInt8]) async throws(MetrcSimError) -> JSONValue?
    {
        let (route, id) = SimRoute.key(method, c)
        switch route {
        case "GET facilities/v2":
            return .array(await store.facilityRows())
        case "GET transfers/v2/outgoing":
            return try await store.outgoing(query)
        case "GET transfers/v2/deliveries/:id/packages":
            return try await store.packages(delivery: id, query)
        case "GET transfers/v2/:id/deliveries":
            return try await store.deliveries(transfer: id, query)
        case "GET transfers/v2/templates/outgoing":
            return try await store.listTemplates(query)
        case "POST transfers/v2/templates/outgoing":
            return try await store.createTemplates(query, body: body)
        case "PUT transfers/v2/templates/outgoing":
            return try await store.updateTemplates(query, body: body)
        case "DELETE transfers/v2/templates/outgoing/:id":
            try await store.archiveTemplate(id, query)
            return nil
        default:
            throw MetrcSimError(404, "No HTTP resource was found that matches the request URI.")
        }
    }
}

/// A request's route with its numeric path segment (Metrc ids) replaced by `:id`:
/// `GET transfers/v2/:id/deliveries` and the id.
enum SimRoute {
    static func key(_ method: String, _ components: [String]) -> (route: String, id: String) {
        var id = ""
        let parts = components.filter { !$0.isEmpty }.map { part -> String in
            guard Int(part) != nil else { return part }
            id = part
            return ":id"
        }
        return ("\(method) \(parts.joined(separator: "/"))", id)
    }
}
