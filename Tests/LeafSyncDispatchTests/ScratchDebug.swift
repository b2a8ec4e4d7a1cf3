import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncTestSupport
import NIOHTTP1
import LeafSyncJSON
import Testing

@Test("scratch") func scratch() async throws {
    try await withEngine { engine, ll, distru in
        let peak = "57f52a74-a9ab-52df-b09f-e4242c15027c"
        try await engine.record(.linkProduct(distruProductID: DistruDemo.chocolate, leafLinkProductID: 2093), .linkProduct(distruProductID: peak, leafLinkProductID: 2096))
        for _ in 0..<2 { let r = try await engine.cycle(); print("REPORT", r.succeeded.filter { !$0.hasPrefix("error-email") }, r.failed) }
        try await control(distru, .POST, "/_sim/inventory", ["product_id": .string(DistruDemo.chocolate), "location_id": .string(DistruDemo.warehouse), "delta": "-100"])
        for _ in 0..<2 { let r = try await engine.cycle(); print("REPORT", r.succeeded.filter { !$0.hasPrefix("error-email") }, r.failed) }
        let s = await engine.state
        print("REFUSALS", s.refusals); print("LINKS", s.links.keys, "INV", s.inventory[DistruDemo.chocolate] ?? [:], s.waitingLinks)
    }
}
