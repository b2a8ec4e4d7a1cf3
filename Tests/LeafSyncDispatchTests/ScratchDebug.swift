import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncTestSupport
import Testing

@Test("scratch") func scratch() async throws {
    try await withEngine { engine, ll, distru in
        try await engine.record(contentsOf: Demo.setup)
        for _ in 0..<3 {
            let r = try await engine.cycle()
            print("REPORT", r.succeeded.count, r.failed, r.skipped)
        }
        let s = await engine.state
        print("ORDERS", s.orders.count, "PENDING", s.commands.pending.keys.sorted().prefix(20))
        if let o = s.orders[Demo.order] { print("ORDER", o.phase, o) }
        print("ERRORS", s.openErrors.filter { $0.subject.contains("a6a3a450") }.map(\.message)); print("LINKS", s.links.keys.sorted(), s.distruProducts.count, s.users.count)
    }
}
