import AsyncHTTPClient
import LeafSyncIngest
import LeafSyncService
import LeafSyncTestSupport
import NIOCore
import NIOHTTP1
import SimulatorSupport
import Synchronization

/// Runs `body` with the service's router (``ServiceHTTP/router(endpoints:metrics:)``) served
/// on a free loopback port, handing it the base URL (`http://127.0.0.1:PORT`).
func withServiceHTTP<T>(_ endpoints: ServiceEndpoints, _ body: (String) async throws -> T) async throws -> T {
    try await withStarted(
        { try await serve(ServiceHTTP.router(endpoints: endpoints, metrics: .shared)) }, stop: { await $0.stop() },
        { try await body("http://127.0.0.1:\($0.port)") })
}

/// Endpoints that are never ready and have no remote configured.
func notReady() -> ServiceEndpoints { ServiceEndpoints(isReady: { ReadinessReport(ready: false) }) }

/// POSTs `size` bytes in chunks with no `Content-Length` (chunked transfer encoding), so the
/// server learns the size only by reading.
/// With `stall`, the body sends its `size` bytes and then neither ends nor sends more until the
/// answer has come: a server that waited for the whole body would never answer.
func postStreamed(_ url: String, size: Int, stall: Bool = false) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    let (chunks, continuation) = AsyncStream<ByteBuffer>.makeStream()
    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)
    for _ in 0..<(size / chunk.readableBytes) { continuation.yield(chunk) }
    if !stall { continuation.finish() }
    defer { continuation.finish() }
    request.body = .stream(chunks, length: .unknown)
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), String(buffer: bytes))
}

/// Counts calls and keeps the bodies a webhook closure received.
final class Calls: Sendable {
    private let state = Mutex<[[UInt8]]>([])
    var count: Int { state.withLock { $0.count } }
    func record(_ body: [UInt8]) { state.withLock { $0.append(body) } }
}

/// The value of the sample `name{…}` whose labels include every one of `labels` (`k="v"`), or
/// nil when the exposition has no such line.
func sample(_ exposition: String, _ name: String, _ labels: [String] = []) -> Double? {
    for line in exposition.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
        guard labels.allSatisfy({ line.contains($0) }), let value = line.split(separator: " ").last else { continue }
        return Double(value)
    }
    return nil
}
