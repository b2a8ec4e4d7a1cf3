import AsyncHTTPClient
import NIOCore
public import NIOHTTP1

/// A raw HTTP call (for checking what the simulator answers to a misbehaving client).
public func rawRequest(
    _ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = [], body: [UInt8]? = nil
) async throws -> (status: Int, body: [UInt8]) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (k, v) in headers { request.headers.add(name: k, value: v) }
    if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), Array(bytes.readableBytesView))
}

/// Runs `body` with a started server (a simulator), stopping it afterwards whether `body` throws
/// or not.
public func withStarted<Server, T>(
    _ start: () async throws -> Server, stop: (Server) async -> Void, _ body: (Server) async throws -> T
) async throws -> T {
    let server = try await start()
    do {
        let result = try await body(server)
        await stop(server)
        return result
    } catch {
        await stop(server)
        throw error
    }
}
