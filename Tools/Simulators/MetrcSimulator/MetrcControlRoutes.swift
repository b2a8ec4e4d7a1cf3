import LeafSyncJSON
import SimulatorSupport

/// `/_sim/...`: inspect the simulator, script faults, and act as a person in the Metrc UI. No
/// keys needed (loopback test tool). See docs/metrc.md for the list.
struct MetrcControlRoutes {
    let simulator: MetrcSimulator
    var store: MetrcStore { simulator.store }

    func handle(method: String, path: String, body: [UInt8]) async throws(MetrcSimError) -> JSONValue {
        let c = path.split(separator: "/").dropFirst().map(String.init)  // after "_sim"
        let json: JSONValue = body.isEmpty ? .object(JSONObject()) : ((try? JSONParser.parse(body)) ?? .null)
        guard case .object(let b) = json else { throw MetrcSimError(400, "body must be a JSON object") }
        func labels() -> [String] { (b["labels"]?.arrayValue ?? []).compactMap(\.stringValue) }
        let (route, id) = SimRoute.key(method, c)
        switch route {
        case "GET state":
            return .object(JSONObject(await store.counts().sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
        case "GET transfers":
            return .array(await store.allTransfers())
        case "GET templates":
            return .array(await store.allTemplates())
        case "GET requests":
            return .array(await store.receivedRequests())
        case "DELETE requests":
            await store.clearRequests()
            return ["cleared": true]
        case "GET settings":
            return await simulator.faults.settings.json
        case "PUT settings", "PATCH settings":
            do {
                let merged = try await simulator.faults.settings.merging(b)
                await simulator.faults.update(merged)
                return merged.json
            } catch {
                throw MetrcSimError(400, "settings not understood: \(error)")
            }
        case "POST faults":
            let faults = ScriptedFault.list(b)
            await simulator.faults.enqueue(faults)
            return ["queued": .int(faults.count)]
        case "DELETE faults":
            await simulator.faults.clearScript()
            return ["cleared": true]

        case "POST packages":
            let rows = b["packages"]?.arrayValue?.compactMap(\.objectValue) ?? [b]
            var added: [JSONValue] = []
            for r in rows { added.append(.object(try await store.addPackage(r))) }
            return .array(added)
        case "POST transfers":
            return .object(try await store.createTransfer(b))
        case "POST templates/:id/transfer":
            return .object(try await store.transfer(fromTemplate: id, b))
        case "POST transfers/:id/void":
            return .object(try await store.void(transfer: id))
        case "POST deliveries/:id/reject":
            return .object(try await store.setPackages(delivery: id, labels: labels(), state: "Rejected"))
        case "POST deliveries/:id/accept":
            return .object(try await store.setPackages(delivery: id, labels: labels(), state: "Accepted"))
        default:
            throw MetrcSimError(404, "no such control endpoint: \(method) \(path)")
        }
    }
}
