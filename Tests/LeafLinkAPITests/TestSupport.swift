import AsyncHTTPClient
import Foundation
import Hummingbird
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncIngest
import LeafSyncLog
import NIOCore
import NIOHTTP1
import Synchronization
import IngestTestSupport
import Testing

/// Paths relative to this repository (CI has `../shared` next to it too).
enum Paths {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/leaflink-samples")
    static let demo = repoRoot.appendingPathComponent("data/demo/leaflink")

    static func sample(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(relative)))
    }
}

/// A small seed: one customer, one product, one rep (fast to page through).
func tinySeed() -> SimSeed {
    SimSeed(bundle: [
        "customers": [["id": 148515, "name": "Good Vibrations Dispensary"]],
        "company-staff": [["id": 13, "display_name": "John Doe", "email": "john@seller.example"]],
        "products": [["id": 2093, "name": "Chocolate Bar", "sku": "BAR-1", "quantity": "100000.0000",
                      "unit_multiplier": 12, "wholesale_price": ["amount": 108, "currency": "USD"]]],
    ])
}

/// Runs `body` against a simulator on a free loopback port, stopping it afterwards.
func withSimulator<T>(
    seed: SimSeed? = nil, faults: FaultSettings = FaultSettings(), webhook: WebhookSender.Configuration? = nil,
    _ body: (RunningSimulator) async throws -> T
) async throws -> T {
    let seed = try seed ?? SimSeed(directory: Paths.demo)
    return try await withStarted({ try await LeafLinkSimulator(seed: seed, faults: faults, webhook: webhook).start() }, stop: { await $0.stop() }, body)
}

/// A client for the simulator with tiny backoffs, so retry tests are fast.
func client(
    for sim: RunningSimulator, key: String = LeafLinkSimulator.defaultAPIKey, attempts: Int = 4, pageLimit: Int = 100
) -> LeafLinkClient {
    var config = LeafLinkConfiguration(baseURL: sim.baseURL, apiKey: key)
    config.retry = RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
    config.requestsPerMinute = 1_000_000
    config.timeout = .seconds(5)
    config.pageLimit = pageLimit
    return LeafLinkClient(configuration: config)
}


func control(_ sim: RunningSimulator, _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
    let (status, bytes) = try await rawRequest(sim.rootURL + path, method: method, body: body?.serialized())
    guard status == 200 else { throw SimCallFailed(status: status, body: String(decoding: bytes, as: UTF8.self)) }
    return try JSONParser.parse(bytes)
}

struct SimCallFailed: Error, CustomStringConvertible {
    var status: Int
    var body: String
    var description: String { "control call failed with \(status): \(body)" }
}
