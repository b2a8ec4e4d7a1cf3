import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The LeafLink Marketplace API v2 client: authentication, trailing-slash paths, JSON, a
/// client-side rate limit, and retries for 429, 5xx and transport failures.
///
/// Every method returns or hands over the exact bytes LeafLink sent, so callers can log them
/// verbatim; typed models decode from those bytes.
public struct LeafLinkClient: Sendable, CustomStringConvertible {
    public let configuration: LeafLinkConfiguration
    let http: HTTPClient
    let limiter: RateLimiter
    let logger: Logger

    public init(configuration: LeafLinkConfiguration, httpClient: HTTPClient = .shared, logger: Logger? = nil) {
        self.configuration = configuration
        self.http = httpClient
        self.limiter = RateLimiter(perMinute: configuration.requestsPerMinute)
        self.logger = logger ?? Logger(label: "leafsync.leaflink")
    }

    public var description: String { "LeafLinkClient(\(configuration))" }

    /// One answer from LeafLink.
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
        public var call: LeafLinkCall
        /// The server's clock (`Date` header), to second precision.
        public var serverDate: LeafLinkTimestamp?

        public init(status: Int, body: [UInt8], call: LeafLinkCall, serverDate: LeafLinkTimestamp? = nil) {
            self.status = status
            self.body = body
            self.call = call
            self.serverDate = serverDate
        }
    }

    /// Sends one request. `path` is relative to the base URL (`orders-received/`) or an absolute
    /// URL on the same host (a page's `next`). Non-idempotent requests (POST) are retried only
    /// on 429, where LeafLink did not process them.
    public func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil
    ) async throws -> Response {
        let url = try resolve(path, query: query)
        let idempotent = method != .POST
        let request = HTTPClientRequest.json(
            method, url: url, authorization: "\(configuration.authScheme) \(configuration.apiKey)", userAgent: configuration.userAgent, body: body)
        let shownURL = URLText.display(url)
        func call(_ attempts: Int) -> LeafLinkCall { LeafLinkCall(method: method.rawValue, url: shownURL, attempts: attempts) }
        let exchange: HTTPExchange
        do {
            exchange = try await HTTPExchange.send(
                request, using: http, timeout: configuration.timeout, policy: configuration.retry, idempotent: idempotent,
                logger: logger, name: { "LeafLink \(call($0))" }, beforeAttempt: { try await limiter.acquire() })
        } catch let failure as HTTPExchangeFailure {
            switch failure {
            case .transport(let n, let reason): throw LeafLinkError.transport(call(n), reason: reason)
            case .rateLimited(let n, let retryAfter): throw LeafLinkError.rateLimited(call(n), retryAfter: retryAfter)
            case .status(let n, let status, let bytes): throw LeafLinkError.http(call(n), status: status, body: LeafLinkError.excerpt(bytes))
            }
        }
        return Response(
            status: exchange.status, body: exchange.body, call: call(exchange.attempts),
            serverDate: exchange.headers.first(name: "Date").flatMap(Self.parseHTTPDate))
    }

    /// Sends a request and checks that the answer is one JSON object.
    public func sendForRecord(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil
    ) async throws -> RawRecord {
        let response = try await send(method, path, query: query, body: body)
        do {
            guard case .object = try JSONParser.parse(response.body) else {
                throw LeafLinkError.malformedResponse(response.call, reason: "expected a JSON object", body: LeafLinkError.excerpt(response.body))
            }
        } catch let e as JSONParser.SyntaxError {
            throw LeafLinkError.malformedResponse(response.call, reason: e.description, body: LeafLinkError.excerpt(response.body))
        }
        return RawRecord(bytes: response.body, call: response.call)
    }

    // MARK: - URLs

    func resolve(_ path: String, query: [(String, String)]) throws -> String {
        var url: String
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            guard URLText.origin(path) == URLText.origin(configuration.baseURL) else {
                throw LeafLinkError.invalidRequest("refusing to send the API key to \(URLText.origin(path)) (base is \(URLText.origin(configuration.baseURL)))")
            }
            url = path
        } else {
            let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
            guard relative.split(separator: "?").first.map({ $0.hasSuffix("/") }) ?? false else {
                throw LeafLinkError.invalidRequest("LeafLink paths end with '/': \(path)")
            }
            url = configuration.baseURL + relative
        }
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\(URLText.escape($0.0))=\(URLText.escape($0.1))" }.joined(separator: "&")
        }
        return url
    }

    /// `Retry-After` as seconds, from either form: delta-seconds or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? { HTTPDate.retryAfterSeconds(value) }

    static func parseHTTPDate(_ s: String) -> LeafLinkTimestamp? {
        HTTPDate.parse(s).map { LeafLinkTimestamp(microseconds: Int64($0.timeIntervalSince1970) * 1_000_000) }
    }

    /// The decoder for LeafLink's snake_case JSON.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}
