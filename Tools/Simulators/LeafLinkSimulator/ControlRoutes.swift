import Foundation
import HTTPClientSupport
import Hummingbird
import LeafLinkAPI
import LeafSyncJSON
import SimulatorSupport

/// `/_sim/...`: seed and inspect the simulator, change fault settings, and act as the buyer or
/// the seller. No API key is needed (loopback test tool). See docs/leaflink.md.
struct ControlRoutes {
    let simulator: LeafLinkSimulator
    var store: LeafLinkStore { simulator.store }

    func handle(method: String, path: String, query: [(String, String)], body: [UInt8]) async throws -> Response {
        let c = path.split(separator: "/").dropFirst().map(String.init)  // after "_sim"
        let json: JSONValue = body.isEmpty ? .object(JSONObject()) : ((try? JSONParser.parse(body)) ?? .null)
        guard case .object(let b) = json else { throw SimError.detail(400, "Body must be a JSON object.") }
        let result: JSONValue
        switch (method, c) {
        case ("GET", ["state"]):
            var o = JSONObject()
            for (k, v) in await store.counts().sorted(by: { $0.key < $1.key }) { o[k] = .int(v) }
            result = .object(o)
        case ("POST", ["reset"]):
            await store.reset()
            await simulator.faults.clearScript()
            result = ["reset": true]
        case ("POST", ["seed"]):
            await store.load(SimSeed(bundle: json))
            result = .object(JSONObject(await store.counts().sorted(by: { $0.key < $1.key }).map { ($0.key, .int($0.value)) }))
        case ("GET", ["settings"]):
            result = try JSONParser.parse(Array(try JSONEncoder.snake.encode(await simulator.faults.settings)))
        case ("PUT", ["settings"]), ("PATCH", ["settings"]):
            var current = await simulator.faults.settings
            let merged = try JSONParser.parse(Array(try JSONEncoder.snake.encode(current))).objectValue!.merging(b)
            current = try JSONDecoder.snake.decode(FaultSettings.self, from: Data(JSONValue.object(merged).serialized()))
            await simulator.faults.update(current)
            result = .object(merged)
        case ("POST", ["faults"]):
            let faults = ScriptedFault.list(b)
            await simulator.faults.enqueue(faults)
            result = ["queued": .int(faults.count)]
        case ("GET", ["webhooks"]):
            result = .array(
                await simulator.webhooks.deliveries.map {
                    [
                        "id": .int($0.id), "type": .string($0.type), "attempts": .int($0.attempts),
                        "last_status": $0.lastStatus.map { .int($0) } ?? .null, "delivered": .bool($0.delivered),
                    ]
                })
        case ("PUT", ["webhook"]):
            guard let url = b["url"]?.stringValue, let key = b["key"]?.stringValue else {
                throw SimError.detail(400, "Give url and key.")
            }
            await simulator.webhooks.configure(.init(url: url, key: key))
            result = ["url": .string(url)]

        case ("POST", ["buyer", "orders"]):
            guard let customer = b["customer"]?.intValue else { throw SimError.field("customer", "This field is required.") }
            let lines = (b["lines"]?.arrayValue ?? []).compactMap { l -> (product: Int, quantity: Decimal, isSample: Bool)? in
                guard let p = l["product"]?.intValue, let q = Dec.from(l["quantity"]) else { return nil }
                return (p, q, l["is_sample"]?.boolValue ?? false)
            }
            guard !lines.isEmpty else { throw SimError.field("lines", "At least one line {product, quantity} is required.") }
            let reps = b["sales_reps"]?.arrayValue?.compactMap(\.intValue) ?? []
            let numbers = try await store.createSplitOrder(
                customer: customer, lines: lines, reps: reps, notes: b["notes"]?.stringValue ?? "",
                submit: b["submit"]?.boolValue ?? true)
            result = ["orders": .array(numbers.map { .string($0) })]
        case ("POST", let p) where p.count == 4 && p[0] == "buyer" && p[1] == "orders" && ["submit", "cancel"].contains(p[3]):
            result = .object(try await store.transition(p[2], action: p[3], by: "buyer"))
        case ("POST", let p) where p.count == 4 && p[0] == "buyer" && p[1] == "orders" && p[3] == "lines":
            guard let product = b["product"]?.intValue, let q = Dec.from(b["quantity"]) else {
                throw SimError.detail(400, "Give product and quantity.")
            }
            try await store.addLine(p[2], product: product, quantity: q, isSample: b["is_sample"]?.boolValue ?? false)
            result = .object(try await store.require("orders-received", p[2]))
        case ("PATCH", let p) where p.count == 5 && p[0] == "buyer" && p[1] == "orders" && p[3] == "lines":
            guard let line = Int(p[4]), let q = Dec.from(b["quantity"]) else { throw SimError.detail(400, "Give quantity.") }
            try await store.editLine(p[2], line: line, quantity: q)
            result = .object(try await store.require("orders-received", p[2]))
        case ("PATCH", let p) where p.count == 3 && p[0] == "buyer" && p[1] == "orders":
            await store.touchOrder(p[2], notes: b["notes"]?.stringValue)
            result = .object(try await store.require("orders-received", p[2]))
        case ("POST", let p) where p.count == 4 && p[0] == "seller" && p[1] == "orders":
            result = .object(try await store.transition(p[2], action: p[3], by: "seller"))
        case ("POST", ["seller", "combine"]):
            let numbers = b["orders"]?.arrayValue?.compactMap(\.stringValue) ?? []
            result = ["order": .string(try await store.combine(numbers))]
        case ("PATCH", let p) where p.count == 3 && p[0] == "seller" && p[1] == "products":
            result = .object(try await store.patchProduct(p[2], b))
        case ("POST", ["seller", "credits"]):
            guard let customer = b["customer"]?.intValue, let amount = Dec.from(b["amount"]) else {
                throw SimError.detail(400, "Give customer and amount (and applied_to: an order number).")
            }
            result = .object(try await store.addCredit(customer: customer, amount: amount, appliedTo: b["applied_to"]?.stringValue, notes: b["notes"]?.stringValue))
        case ("PATCH", let p) where p.count == 3 && p[0] == "seller" && p[1] == "customers":
            result = .object(try await store.patchCustomer(p[2], b))
        case ("POST", ["generate", "orders"]):
            let numbers = try await store.generateOrders(count: b["count"]?.intValue ?? 10, status: b["status"]?.stringValue ?? "Submitted")
            result = ["count": .int(numbers.count)]
        default:
            throw SimError.notFound()
        }
        await simulator.flushWebhooks()
        return SimulatorResponder.json(200, result)
    }
}

extension JSONEncoder {
    static var snake: JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }
}

extension JSONDecoder {
    static var snake: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}
