public import HTTPClientSupport
public import LeafLinkAPI
public import LeafLinkSimulator
import LeafSyncJSON
public import SimulatorSupport

extension RunningSimulator: SimulatorControl {}

/// A small LeafLink seed: one customer, one product, one rep (fast to page through).
public func tinySeed() -> SimSeed {
    SimSeed(bundle: [
        "customers": [["id": 148515, "name": "Good Vibrations Dispensary"]],
        "company-staff": [["id": 13, "display_name": "John Doe", "email": "john@seller.example"]],
        "products": [
            [
                "id": 2093, "name": "Chocolate Bar", "sku": "BAR-1", "quantity": "100000.0000",
                "unit_multiplier": 12, "wholesale_price": ["amount": 108, "currency": "USD"],
            ]
        ],
    ])
}

/// Runs `body` against a LeafLink simulator on a free loopback port (the demo seed unless
/// given), stopping it afterwards.
public func withSimulator<T>(
    seed: SimSeed? = nil, faults: FaultSettings = FaultSettings(), webhook: WebhookSender.Configuration? = nil,
    _ body: (RunningSimulator) async throws -> T
) async throws -> T {
    let seed = try seed ?? SimSeed(directory: Paths.leafLinkDemo)
    return try await withStarted(
        { try await LeafLinkSimulator(seed: seed, faults: faults, webhook: webhook).start() }, stop: { await $0.stop() }, body)
}

/// A client for the LeafLink simulator with tiny backoffs (so retry tests are fast) and no
/// client-side rate limit to speak of.
public func client(
    for sim: RunningSimulator, key: String = LeafLinkSimulator.defaultAPIKey, attempts: Int = 4, pageLimit: Int = 100
) -> LeafLinkClient {
    var config = LeafLinkConfiguration(baseURL: sim.baseURL, apiKey: key)
    config.retry = RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
    config.requestsPerMinute = 1_000_000
    config.timeout = .seconds(30)  // a deadline for a hung call, not a speed check: CI runs every suite at once on 2 cores
    config.pageLimit = pageLimit
    return LeafLinkClient(configuration: config)
}
