import AsyncHTTPClient
import Foundation
import HTTPClientSupport
import Logging
import NIOCore
import NIOHTTP1

/// The Distru public API v1 client: Bearer authentication, JSON, and retries with backoff for
/// 429, 5xx and transport failures (never for other 4xx).
///
/// Every method returns the exact bytes Distru sent, so callers can log them verbatim; typed
/// models decode from those bytes.
public struct DistruClient: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let configuration: DistruConfiguration
    let http: HTTPClient
    let logger: Logger

    public init(configuration: DistruConfiguration, httpClient: HTTPClient = .shared, logger: Logger? = nil) {
        self.configuration = configuration
        self.http = httpClient
        self.logger = logger ?? Logger(label: "leafsync.distru")
    }

    /// The client without its key, for logs.
    public var description: String { "DistruClient(\(configuration))" }
    public var debugDescription: String { description }

    /// One answer from Distru.
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
        public var call: DistruCall
        /// The server's clock (`Date` header), to second precision.
        public var serverDate: DistruTimestamp?
    }

    /// Sends one request. `path` is relative to the base URL (`orders`) or an absolute URL on the
    /// same host (a page's `next_page`, followed verbatim). `idempotent` requests are retried
    /// after 5xx and lost answers; others (a create without an id) only after 429, which Distru
    /// did not process. Default: everything but POST is idempotent.
    public func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
        idempotent: Bool? = nil
    ) async throws -> Response {
        let url = try resolve(path, query: query)
        let idempotent = idempotent ?? (method != .POST)
        let request = HTTPClientRequest.json(
            method, url: url, authorization: "Bearer \(configuration.apiKey)", userAgent: configuration.userAgent, body: body)
        let shownURL = URLText.display(url)
        func call(_ attempts: Int) -> DistruCall { DistruCall(method: method.rawValue, url: shownURL, attempts: attempts) }
        let exchange: HTTPExchange
        do {
            exchange = try await HTTPExchange.send(
                request, using: http, timeout: configuration.timeout, policy: configuration.retry, idempotent: idempotent,
                logger: logger, name: { "Distru \(call($0))" })
        } catch let failure as HTTPExchangeFailure {
            switch failure {
            case .transport(let n, let reason): throw DistruError.transport(call(n), reason: reason)
            case .rateLimited(let n, let retryAfter): throw DistruError.rateLimited(call(n), retryAfter: retryAfter)
            case .status(let n, let status, let bytes): throw Self.httpError(call(n), status, bytes)
            }
        }
        return Response(
            status: exchange.status, body: exchange.body, call: call(exchange.attempts),
            serverDate: exchange.headers.first(name: "Date").flatMap(DistruTimestamp.init(httpDate:)))
    }

    static func httpError(_ call: DistruCall, _ status: Int, _ bytes: [UInt8]) -> DistruError {
        .http(call, status: status, errors: DistruErrorDetail.parse(bytes) ?? [], body: DistruError.excerpt(bytes))
    }

    // MARK: - URLs

    func resolve(_ path: String, query: [(String, String)]) throws -> String {
        var url: String
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            guard URLText.origin(path) == URLText.origin(configuration.baseURL) else {
                throw DistruError.invalidRequest("refusing to send the API key to \(URLText.origin(path)) (base is \(URLText.origin(configuration.baseURL)))")
            }
            url = path
        } else {
            url = configuration.baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
        }
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        return url
    }

    /// Percent-encodes a query component; `,` and `:` stay literal (`updated_datetime=FROM,TO`).
    static func escape(_ s: String) -> String { URLText.escape(s, keeping: [UInt8(ascii: ","), UInt8(ascii: ":")]) }

    /// The decoder for Distru's snake_case JSON.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}
