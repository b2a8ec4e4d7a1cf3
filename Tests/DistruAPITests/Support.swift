import AsyncHTTPClient
import DistruAPI
import DistruSimulator
import Foundation
import LeafSyncIngest
import LeafSyncLog
import NIOCore
import NIOHTTP1
import Synchronization
import IngestTestSupport
import Testing

enum Paths {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demo = repoRoot.appendingPathComponent("data/demo/distru")
}

/// Runs `body` against a Distru simulator on a free loopback port, stopping it afterwards.
func withDistru<T>(
    seed: DistruSeed? = nil, settings: DistruSimSettings = DistruSimSettings(),
    webhook: WebhookSender.Configuration? = nil,
    _ body: (RunningDistruSimulator) async throws -> T
) async throws -> T {
    let seed = try seed ?? DistruSeed(directory: Paths.demo)
    return try await withStarted({ try await DistruSimulator(seed: seed, settings: settings, webhook: webhook).start() }, stop: { await $0.stop() }, body)
}

/// A client for the simulator with tiny backoffs.
func client(for sim: RunningDistruSimulator, key: String = DistruSimulator.defaultAPIKey, attempts: Int = 4) -> DistruClient {
    var config = DistruConfiguration(baseURL: sim.baseURL, apiKey: key)
    config.retry = RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
    config.timeout = .seconds(5)
    return DistruClient(configuration: config)
}


/// A `/_sim/` control call; fails the test on a non-200.
@discardableResult
func control(_ sim: RunningDistruSimulator, _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
    let (status, bytes) = try await rawRequest(sim.rootURL + path, method: method, body: body?.serialized())
    guard status == 200 else { throw ControlFailed(status: status, body: String(decoding: bytes, as: UTF8.self)) }
    return try JSONParser.parse(bytes)
}

struct ControlFailed: Error, CustomStringConvertible {
    var status: Int
    var body: String
    var description: String { "control call failed with \(status): \(body)" }
}

/// Demo ids.
enum Demo {
    static let warehouse = "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    static let chocolate = "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04"
    static let customer = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    static let customerLocation = "6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a"
    static let processingOrder = "0f6a2b8c-1d3e-4f5a-9b7c-8d9e0f1a2b3c"
}

/// A seed of `n` products (for paging).
func productsSeed(_ n: Int) -> DistruSeed {
    var products: [JSONValue] = []
    for i in 0..<n {
        products.append(.object(JSONObject([
            ("id", .string(DeterministicID.uuid(namespace: "test-product", name: String(i)))), ("name", .string("Product \(i)")),
            ("sku", .string("SKU-\(i)")), ("unit_price", "1.000000"), ("inventory_tracking_method", "PRODUCT"),
            ("updated_datetime", "2026-11-01T00:00:00.000000Z"),
        ])))
    }
    return DistruSeed(bundle: ["products": .array(products)])
}

func inventoryRow(_ client: DistruClient, product: String, location: String) async throws -> DistruInventoryRow? {
    try await client.inventory().map(\.value).first { $0.productId.text == product && $0.locationId.text == location }
}
