import DistruAPI
import Foundation
import HTTPClientSupport
import Hummingbird
import LeafSyncJSON
import SimulatorSupport

/// `/_sim/...`: inspect the simulator, script faults, and act as a Distru user. No API key is
/// needed (loopback test tool). See docs/distru.md for the list.
struct DistruControlRoutes {
    let simulator: DistruSimulator
    var store: DistruStore { simulator.store }

    func handle(method: String, path: String, body: [UInt8]) async throws(DistruSimError) -> JSONValue {
        let c = path.split(separator: "/").dropFirst().map(String.init)  // after "_sim"
        let json: JSONValue = body.isEmpty ? .object(JSONObject()) : ((try? JSONParser.parse(body)) ?? .null)
        guard case .object(let b) = json else { throw DistruSimError(400, "body must be a JSON object") }
        // "/orders/<id>/fulfill" → route "/orders/:id/fulfill", id = <id>
        var key = c
        var id = ""
        var pid = ""
        if c.count >= 2, ["products", "orders", "invoices"].contains(c[0]) {
            id = c[1]
            key[1] = ":id"
        }
        if c.count >= 4, c[0] == "invoices", c[2] == "payments" {
            pid = c[3]
            key[3] = ":pid"
        }
        switch "\(method) /\(key.joined(separator: "/"))" {
        case "GET /state":
            return .object(JSONObject(await store.counts().sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
        case "GET /settings":
            return Self.settingsJSON(await store.currentSettings())
        case "PUT /settings", "PATCH /settings":
            var s = await store.currentSettings()
            for (k, v) in b["page_sizes"]?.objectValue ?? JSONObject() { if let n = v.intValue { s.pageSizes[k] = n } }
            await store.updateSettings(s)
            var f = await simulator.faults.settings
            if let rate = b["error_rate"].flatMap({ W.dec($0) }) { f.errorRate = NSDecimalNumber(decimal: rate).doubleValue }
            if let status = b["error_status"]?.intValue { f.errorStatus = status }
            if let ms = b["latency_ms"]?.intValue { f.latencyMs = ms }
            if let rate = b["drop_rate"].flatMap({ W.dec($0) }) { f.dropRate = NSDecimalNumber(decimal: rate).doubleValue }
            if b["rate_limit_per_minute"] != nil { f.rateLimitPerMinute = b["rate_limit_per_minute"]?.intValue }
            await simulator.faults.update(f)
            return Self.settingsJSON(s)
        case "POST /faults":
            let faults = ScriptedFault.list(b)
            await simulator.faults.enqueue(faults)
            return ["queued": .int(faults.count)]
        case "DELETE /faults":
            await simulator.faults.clearScript()
            return ["cleared": true]
        case "GET /webhooks":
            return .array(
                await simulator.webhooks.deliveries.map { d in
                    .object(
                        JSONObject([
                            ("id", .int(d.id)), ("type", .string(d.type)), ("event", d.event.map { .string($0) } ?? .null),
                            ("attempts", .int(d.attempts)),
                            ("last_status", d.lastStatus.map { .int($0) } ?? .null), ("delivered", .bool(d.delivered)),
                        ]))
                })

        case "PUT /webhook":
            guard let url = b["url"]?.stringValue, let secret = b["secret"]?.stringValue else {
                throw DistruSimError(400, "give url and secret")
            }
            await simulator.webhooks.configure(.init(url: url, secret: secret))
            return ["url": .string(url)]

        case "POST /products/:id", "PATCH /products/:id":
            _ = try await store.require("products", id)
            return .object(try await store.upsertProduct(b, id: id))
        case "POST /inventory":
            guard let p = W.id(b["product_id"]), let l = W.id(b["location_id"]) else {
                throw .invalid("product_id and location_id are required", "product_id")
            }
            return .object(try await store.adjustInventory(product: p, location: l, delta: W.dec(b["delta"]), set: W.dec(b["active"])))

        case "PATCH /orders/:id", "POST /orders/:id":
            return .object(try await orderChange(id, b))
        case "POST /orders/:id/status":
            return .object(try await orderChange(id, b.filling(from: JSONObject())))
        case "POST /orders/:id/delivery":
            return .object(try await orderChange(id, JSONObject([("delivery_datetime", b["delivery_datetime"] ?? .null)])))
        case "POST /orders/:id/customer":
            return .object(try await orderChange(id, b))
        case "POST /orders/:id/source":
            return .object(try await orderChange(id, JSONObject([("location_id", b["location_id"] ?? .null)])))
        case "POST /orders/:id/fulfill":
            return .object(try await store.fulfil(order: id, itemID: W.id(b["item_id"]), batch: b["batch"], package: b["package"]))
        case "DELETE /orders/:id":
            return .object(try await store.deleteOrder(id))

        case "POST /invoices":
            return .object(try await store.upsertInvoice(b))
        case "POST /invoices/:id/payments":
            return .object(try await store.addPayment(invoice: id, b))
        case "DELETE /invoices/:id/payments/:pid":
            return .object(try await store.deletePayment(invoice: id, payment: pid))
        default:
            throw DistruSimError(404, "no such control endpoint: \(method) \(path)")
        }
    }

    /// Control changes to an existing order go through the same upsert and rules as the API.
    func orderChange(_ id: String, _ b: JSONObject) async throws(DistruSimError) -> JSONObject {
        _ = try await store.require("orders", id)
        return try await store.upsertOrder(b, id: id)
    }

    static func settingsJSON(_ s: DistruSimSettings) -> JSONValue {
        ["page_sizes": .object(JSONObject(s.pageSizes.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))]
    }
}
