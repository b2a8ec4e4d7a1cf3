import Foundation
import HTTPClientSupport
import LeafLinkSimulator
import LeafSyncTestSupport
import NIOHTTP1
import SimulatorSupport
import Testing

@testable import LeafLinkAPI

/// The client against the simulator over loopback HTTP.
@Suite struct ClientTests {
    @Test("pages through 1050 orders at limit 100") func pagesThrough1050OrdersAtLimit100() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            _ = try await sim.store.generateOrders(count: 1050)
            var pages = 0
            var numbers: [String] = []
            try await client(for: sim).forEachPage(of: .ordersReceived) { page in
                pages += 1
                #expect(page.count == 1050)
                numbers += try page.records.map { try $0.decode(Order.self).number }
            }
            #expect(pages == 11)
            #expect(numbers.count == 1050 && Set(numbers).count == 1050)
            #expect(numbers == (await sim.store.orderNumbers()))
        }
    }

    @Test("orders embed lines, customer and reps") func ordersEmbedLinesCustomerAndReps() async throws {
        try await withSimulator { sim in
            var orders: [Order] = []
            try await client(for: sim).forEachPage(of: .ordersReceived) { orders += try $0.records.map { try $0.decode(Order.self) } }
            #expect(orders.count == 15)
            let withLines = orders.filter { !($0.lineItems ?? []).isEmpty }
            #expect(withLines.count == 15)
            #expect(orders.allSatisfy { $0.customer?.displayName?.isEmpty == false && !($0.salesReps ?? []).isEmpty })
            #expect(Set(orders.compactMap(\.classification)) == ["Adult Use", "Medical"])
            #expect(orders.contains { $0.isCombination == true })
        }
    }

    @Test("sends auth and User-Agent, and requires the trailing slash") func sendsAuthUserAgentAndTrailingSlash() async throws {
        try await withSimulator { sim in
            let noSlash = try await rawRequest(
                sim.baseURL + "products", headers: [("Authorization", "App \(LeafLinkSimulator.defaultAPIKey)")])
            #expect(noSlash.status == 400)
            let noKey = try await rawRequest(sim.baseURL + "products/")
            #expect(noKey.status == 401)
            let bad = client(for: sim, key: "wrong-key")
            do {
                _ = try await bad.product(id: 2093)
                Issue.record("expected 401")
            } catch let e as LeafLinkError {
                #expect(e.status == 401)
                #expect(!e.description.contains("wrong-key"))
                #expect(e.description.contains("GET /api/v2/products/2093/"))
                #expect(e.call?.attempts == 1)
            }
            #expect(throws: LeafLinkError.self) { _ = try client(for: sim).resolve("products", query: []) }
            _ = try await client(for: sim).product(id: 2093)
            #expect(await sim.simulator.faults.lastUserAgent?.hasPrefix("LeafSync/") == true)
        }
    }

    @Test("refuses to follow next to another host") func refusesToFollowNextToAnotherHost() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            let c = client(for: sim)
            #expect(throws: LeafLinkError.self) { _ = try c.resolve("https://evil.example/api/v2/orders-received/?offset=100", query: []) }
        }
    }

    @Test("rate-limited, then succeeds honouring Retry-After") func rateLimitedThenSucceedsHonouringRetryAfter() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            await sim.simulator.faults.enqueue([.status(429, retryAfter: 1)])
            let start = ContinuousClock.now
            let p = try await client(for: sim).product(id: 2093)
            #expect(p.value.sku == "BAR-1")
            #expect(ContinuousClock.now - start >= .milliseconds(950))
            #expect(await sim.simulator.faults.apiCalls == 2)
        }
    }

    @Test("a rate limit without Retry-After backs off") func rateLimitWithoutRetryAfterBacksOff() async throws {
        var faults = FaultSettings()
        faults.rateLimitPerMinute = 2
        faults.retryAfterSeconds = nil
        try await withSimulator(seed: tinySeed(), faults: faults) { sim in
            let c = client(for: sim, attempts: 3)
            _ = try await c.product(id: 2093)
            _ = try await c.product(id: 2093)
            do {
                _ = try await c.product(id: 2093)
                Issue.record("expected 429")
            } catch let e as LeafLinkError {
                guard case .rateLimited(let retryAfter) = e.kind, let call = e.call else { Issue.record("got \(e)"); return }
                #expect(call.attempts == 3 && retryAfter == nil)
            }
        }
    }

    @Test("server error storm ends in typed error after retry limit") func serverErrorStormEndsInTypedErrorAfterRetryLimit() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            await sim.simulator.faults.enqueue(Array(repeating: .status(503, retryAfter: nil), count: 10))
            do {
                _ = try await client(for: sim, attempts: 4).product(id: 2093)
                Issue.record("expected an error")
            } catch let e as LeafLinkError {
                #expect(e.status == 503)
                #expect(e.call?.attempts == 4)
                #expect(e.description.contains("503"))
            }
            #expect(await sim.simulator.faults.apiCalls == 4)
        }
    }

    @Test("transient errors and dropped connections are retried") func transientErrorsAndDroppedConnectionsAreRetried() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            await sim.simulator.faults.enqueue([.status(502, retryAfter: nil), .drop])
            let p = try await client(for: sim).product(id: 2093)
            #expect(p.value.id == 2093)
            #expect(await sim.simulator.faults.apiCalls == 3)
        }
    }

    @Test("timeouts are retried then reported") func timeoutsAreRetriedThenReported() async throws {
        var faults = FaultSettings()
        faults.latencyMs = 400
        try await withSimulator(seed: tinySeed(), faults: faults) { sim in
            var config = client(for: sim, attempts: 2).configuration
            config.timeout = .milliseconds(100)
            do {
                _ = try await LeafLinkClient(configuration: config).product(id: 2093)
                Issue.record("expected a timeout")
            } catch let e as LeafLinkError {
                guard case .transport = e.kind, let call = e.call else { Issue.record("got \(e)"); return }
                #expect(call.attempts == 2)
            }
        }
    }

    @Test("client errors are not retried") func clientErrorsAreNotRetried() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            do {
                _ = try await client(for: sim).product(id: 999)
                Issue.record("expected 404")
            } catch let e as LeafLinkError {
                #expect(e.status == 404 && e.call?.attempts == 1)
                #expect(e.description.contains("Not found"))
            }
        }
    }

    @Test("malformed body is a typed error") func malformedBodyIsATypedError() async throws {
        try await withSimulator(seed: tinySeed()) { sim in
            await sim.simulator.faults.enqueue([.malformed])
            do {
                try await client(for: sim).forEachPage(of: .products) { _ in Issue.record("no page expected") }
                Issue.record("expected an error")
            } catch let e as LeafLinkError {
                guard case .malformedResponse = e.kind else { Issue.record("got \(e)"); return }
            }
        }
    }

    @Test("Retry-After takes seconds or an HTTP date") func retryAfterTakesSecondsOrAnHTTPDate() {
        #expect(HTTPDate.retryAfterSeconds("3") == 3)
        #expect(HTTPDate.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        #expect(HTTPDate.retryAfterSeconds("soon") == nil)
        #expect(LeafLinkTimestamp(httpDate: "Wed, 21 Oct 2015 07:28:00 GMT") == LeafLinkTimestamp("2015-10-21T07:28:00Z"))
    }

    @Test("random fault settings still converge") func randomFaultSettingsStillConverge() async throws {
        var faults = FaultSettings()
        faults.errorRate = 0.2
        faults.dropRate = 0.1
        faults.latencyMs = 1
        try await withSimulator(faults: faults) { sim in
            let products = try await client(for: sim, attempts: 12).listAll("products/")
            #expect(products.count == 10)
        }
    }
}
