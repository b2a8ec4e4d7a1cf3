public import AsyncHTTPClient
public import HTTPClientSupport
import NIOCore
import NIOHTTP1
import Synchronization

/// The transport of `leafsync dispatch --dry-run`: reads (GET) go to the remote, so the checks a
/// command makes before writing see the real state; the first write is recorded instead of
/// sent, and the command stops there. Nothing changes remotely.
public final class DryRunTransport: HTTPTransport {
    /// A request that would have been sent.
    public struct Request: Sendable, Equatable, CustomStringConvertible {
        public var method: String
        public var url: String
        /// Header lines, with credentials masked.
        public var headers: [String]
        public var body: String

        /// The request as an HTTP/1.1 message.
        public var description: String {
            ([ "\(method) \(url)" ] + headers + (body.isEmpty ? [] : ["", body])).joined(separator: "\n")
        }
    }

    /// Thrown to stop a command at its first write.
    public struct Halt: Error {}

    private let reads: any HTTPTransport
    private let recorded = Mutex<[Request]>([])

    public init(reads: any HTTPTransport = HTTPClient.shared) { self.reads = reads }

    /// The writes recorded since the last call, oldest first.
    public func take() -> [Request] { recorded.withLock { r in defer { r = [] }; return r } }

    public func answer(_ request: HTTPClientRequest, timeout: Duration) async throws -> HTTPAnswer {
        if request.method == .GET { return try await reads.answer(request, timeout: timeout) }
        var body = ByteBuffer()
        for try await var chunk in request.body ?? .bytes(ByteBuffer()) { body.writeBuffer(&chunk) }
        let headers = request.headers.map { name, value in
            "\(name): \(Self.isSecret(name) ? Self.mask(value) : value)"
        }
        let shown = Request(method: request.method.rawValue, url: request.url, headers: headers, body: String(buffer: body))
        recorded.withLock { $0.append(shown) }
        throw Halt()
    }

    static func isSecret(_ header: String) -> Bool {
        ["authorization", "proxy-authorization", "cookie"].contains(header.lowercased())
    }

    /// `App abcd…` → `App ****` (the scheme stays, so the operator sees which kind of key).
    static func mask(_ value: String) -> String {
        guard let space = value.firstIndex(of: " ") else { return "****" }
        return value[..<space] + " ****"
    }
}
