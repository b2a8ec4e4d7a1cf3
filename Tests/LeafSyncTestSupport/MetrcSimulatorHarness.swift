public import Foundation
public import HTTPClientSupport
public import LeafSyncJSON
public import MetrcAPI
public import MetrcSimulator
import NIOHTTP1

extension RunningMetrcSimulator: SimulatorControl {}

extension Paths {
    /// The Metrc simulator's demo seed.
    public static let metrcDemo = repoRoot.appendingPathComponent("data/demo/metrc")
}

/// Runs `body` against a Metrc simulator on a free loopback port (the demo seed unless given),
/// stopping it afterwards.
public func withMetrc<T>(
    seed: MetrcSeed? = nil, vendorKey: String = MetrcSimulator.defaultVendorKey, userKey: String = MetrcSimulator.defaultUserKey,
    _ body: (RunningMetrcSimulator) async throws -> T
) async throws -> T {
    let seed = try seed ?? MetrcSeed(directory: Paths.metrcDemo)
    return try await withStarted(
        { try await MetrcSimulator(seed: seed, vendorKey: vendorKey, userKey: userKey).start() }, stop: { await $0.stop() }, body)
}

/// A client for the Metrc simulator with tiny backoffs (the simulator's keys unless given).
public func client(
    for sim: RunningMetrcSimulator, vendorKey: String = MetrcSimulator.defaultVendorKey, userKey: String = MetrcSimulator.defaultUserKey,
    attempts: Int = 4, clock: any Clock<Duration> = ContinuousClock()
) -> MetrcClient {
    var config = MetrcConfiguration(baseURL: sim.baseURL, vendorKey: vendorKey, userKey: userKey)
    config.retry = RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
    config.timeout = .seconds(30)  // a deadline for a hung call, not a speed check
    return MetrcClient(configuration: config, clock: clock)
}

/// The API requests the simulator received (`{method, path, query, status}`), oldest first.
public func metrcRequests(_ sim: RunningMetrcSimulator) async throws -> [JSONValue] {
    try await control(sim, .GET, "/_sim/requests").arrayValue ?? []
}

/// Licences and package labels in the Metrc demo seed (the Distru demo's locations and customers).
public enum MetrcDemo {
    /// Distru's Main Warehouse.
    public static let mainWarehouse = "403R-00123"
    /// Distru's North Vault.
    public static let northVault = "403R-00456"
    /// Good Vibrations Dispensary (Distru SO-001042's customer).
    public static let goodVibrations = "402R-00987"
    /// Mile High Greens (SO-001043's customer).
    public static let mileHighGreens = "402R-01111"
    /// Swiss Masters Chocolate Bar (Dark), held by the Main Warehouse.
    public static let darkChocolate = "1A4FF0100000022000001301"
    /// Peak Pre-Roll 1g Blue Dream, two packages held by the Main Warehouse.
    public static let preRolls = ["1A4FF0100000022000001303", "1A4FF0100000022000001304"]
    /// The seeded transfer of SO-001040 (North Vault → Old Town Cannabis).
    public static let seededTransfer = "9188201"
}
