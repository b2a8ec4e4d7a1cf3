public import DistruAPI
public import DistruSimulator
public import HTTPClientSupport
import LeafSyncJSON
public import SimulatorSupport

extension RunningDistruSimulator: SimulatorControl {}

/// Runs `body` against a Distru simulator on a free loopback port (the demo seed unless
/// given), stopping it afterwards.
public func withDistru<T>(
    seed: DistruSeed? = nil, settings: DistruSimSettings = DistruSimSettings(), webhook: WebhookSender.Configuration? = nil,
    _ body: (RunningDistruSimulator) async throws -> T
) async throws -> T {
    let seed = try seed ?? DistruSeed(directory: Paths.distruDemo)
    return try await withStarted(
        { try await DistruSimulator(seed: seed, settings: settings, webhook: webhook).start() }, stop: { await $0.stop() }, body)
}

/// A client for the Distru simulator with tiny backoffs.
public func client(for sim: RunningDistruSimulator, key: String = DistruSimulator.defaultAPIKey, attempts: Int = 4) -> DistruClient {
    var config = DistruConfiguration(baseURL: sim.baseURL, apiKey: key)
    config.retry = RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
    config.timeout = .seconds(30)  // a deadline for a hung call, not a speed check: CI runs every suite at once on 2 cores
    return DistruClient(configuration: config)
}

/// Ids in the Distru demo seed.
public enum DistruDemo {
    public static let warehouse = "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    public static let chocolate = "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04"
    public static let customer = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    public static let customerLocation = "6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a"
    public static let processingOrder = "0f6a2b8c-1d3e-4f5a-9b7c-8d9e0f1a2b3c"
}

/// A Distru seed of `n` products (for paging).
public func productsSeed(_ n: Int) -> DistruSeed {
    var products: [JSONValue] = []
    for i in 0..<n {
        products.append(
            .object(
                JSONObject([
                    ("id", .string(DeterministicID.uuid(namespace: "test-product", name: String(i)))), ("name", .string("Product \(i)")),
                    ("sku", .string("SKU-\(i)")), ("unit_price", "1.000000"), ("inventory_tracking_method", "PRODUCT"),
                    ("updated_datetime", "2026-11-01T00:00:00.000000Z"),
                ])))
    }
    return DistruSeed(bundle: ["products": .array(products)])
}
