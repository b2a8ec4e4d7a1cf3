public import AsyncHTTPClient
import NIOCore
public import NIOHTTP1

/// One HTTP answer as it came off the wire: status, headers and the whole body.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What sends one request and brings its answer back. AsyncHTTPClient's `HTTPClient` in
/// production; a scripted stand-in in tests, so retries can be checked without a server.
public protocol HTTPTransport: Sendable {
    /// Sends `request` once; throws when no answer came within `timeout`.
    func answer(_ request: HTTPClientRequest, timeout: Duration) async throws -> HTTPAnswer
}

extension HTTPClient: HTTPTransport {
    /// Bodies larger than this are refused (a list page is far smaller).
    static let maxBodyBytes = 64 << 20

    public func answer(_ request: HTTPClientRequest, timeout: Duration) async throws -> HTTPAnswer {
        let response = try await execute(request, timeout: .nanoseconds(timeout.totalNanoseconds))
        let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
    }
}
