public import AsyncHTTPClient
public import Foundation
public import LeafSyncJSON
public import Logging
public import NIOHTTP1

/// The one client core every vendor shares: URLs, authentication, JSON bodies, a client-side
/// rate limit, retries, typed ``APIError``s, records sliced out of responses as exact bytes, and
/// paging. A vendor module adds only its endpoints, in an extension of
/// `RemoteClient<ItsVendor>` (`LeafLinkClient`, `DistruClient`).
///
/// Time passes on the injected clock (retry backoff and the rate limit), so tests can drive it.
public struct RemoteClient<Vendor: APIVendor>: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public typealias Configuration = APIConfiguration<Vendor>
    public typealias Response = APIResponse<Vendor.Timestamp>
    public typealias Page = APIPage<Vendor>

    public let configuration: Configuration
    let transport: any HTTPTransport
    let limiter: RateLimiter?
    let clock: any Clock<Duration>
    let logger: Logger

    /// `httpClient` sends the requests (a scripted ``HTTPTransport`` in tests); `clock` times
    /// the retries and the rate limit.
    public init(
        configuration: Configuration, httpClient: any HTTPTransport = HTTPClient.shared,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger? = nil
    ) {
        self.configuration = configuration
        self.transport = httpClient
        self.clock = clock
        self.limiter = configuration.requestsPerMinute.map { RateLimiter(perMinute: $0, clock: clock) }
        self.logger = logger ?? Logger(label: Vendor.loggerLabel)
    }

    /// The client without its key, for logs.
    public var description: String { "\(Vendor.name)Client(\(configuration))" }
    public var debugDescription: String { description }

    /// Sends one request. `path` is relative to the base URL or an absolute URL on the same host
    /// (a page's next link, followed verbatim). `idempotent` requests are retried after 5xx and
    /// lost answers; others only after 429, which the server did not process. Default:
    /// everything but POST is idempotent.
    public func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil, idempotent: Bool? = nil
    ) async throws -> Response {
        let url = try resolve(path, query: query)
        let request = HTTPClientRequest.json(
            method, url: url, authorization: configuration.authorization, userAgent: configuration.userAgent, body: body)
        let shownURL = URLText.display(url)
        func call(_ attempts: Int) -> HTTPCall {
            HTTPCall(service: Vendor.name, method: method.rawValue, url: shownURL, attempts: attempts)
        }
        let exchange: HTTPExchange
        do {
            exchange = try await HTTPExchange.send(
                request, using: transport, timeout: configuration.timeout, policy: configuration.retry,
                idempotent: idempotent ?? (method != .POST), clock: clock, logger: logger, remote: Vendor.name.lowercased(), name: { "\(call($0))" },
                beforeAttempt: { try await limiter?.acquire() })
        } catch let failure as HTTPExchangeFailure {
            switch failure {
            case .transport(let n, let reason): throw APIError.transport(Vendor.self, call(n), reason: reason)
            case .rateLimited(let n, let retryAfter): throw APIError.rateLimited(Vendor.self, call(n), retryAfter: retryAfter)
            case .status(let n, let status, let bytes): throw APIError.http(Vendor.self, call(n), status: status, body: bytes)
            }
        }
        return Response(
            status: exchange.status, body: exchange.body, call: call(exchange.attempts),
            serverDate: exchange.headers.first(name: "Date").flatMap { Vendor.Timestamp(httpDate: $0) })
    }

    /// Sends a request whose answer is one record (the body itself, or its ``APIEnvelope/record``
    /// member) and returns the record's exact bytes.
    public func record(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil, idempotent: Bool? = nil
    ) async throws -> RawRecord {
        let response = try await send(method, path, query: query, body: body, idempotent: idempotent)
        let bytes = response.body
        guard let key = Vendor.envelope.record else {
            do {
                guard case .object = try JSONParser.parse(bytes) else {
                    throw APIError.malformedResponse(response.call, reason: "expected a JSON object", body: bytes)
                }
            } catch let e as JSONParser.SyntaxError {
                throw APIError.malformedResponse(response.call, reason: e.description, body: bytes)
            }
            return RawRecord(bytes: bytes, call: response.call)
        }
        let scan: (members: [String: Range<Int>], elements: [Range<Int>]?)
        do { scan = try JSONParser.scanTopLevel(bytes, arrayKey: "") } catch {
            throw APIError.malformedResponse(response.call, reason: error.description, body: bytes)
        }
        guard let range = scan.members[key], bytes[range.lowerBound] == UInt8(ascii: "{") else {
            throw APIError.malformedResponse(response.call, reason: "no `\(key)` object", body: bytes)
        }
        return RawRecord(bytes: Array(bytes[range]), call: response.call)
    }

    /// ``record(_:_:query:body:idempotent:)`` decoded as `T`, with its bytes.
    public func fetched<T: Decodable & Sendable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil, idempotent: Bool? = nil
    ) async throws -> Fetched<T> {
        let raw = try await record(method, path, query: query, body: body, idempotent: idempotent)
        return Fetched(value: try raw.decode(T.self), raw: raw)
    }

    // MARK: - URLs

    /// The full URL of `path` with `query`. Refuses an absolute URL on another host (it would
    /// get the key) and a relative path the vendor does not accept.
    public func resolve(_ path: String, query: [(String, String)]) throws -> String {
        var url: String
        let base = configuration.baseURL
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            guard URLText.origin(path) == URLText.origin(base) else {
                throw APIError.invalidRequest(
                    Vendor.self, "refusing to send the API key to \(URLText.origin(path)) (base is \(URLText.origin(base)))")
            }
            url = path
        } else {
            let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
            if let refusal = Vendor.refusal(forRelativePath: relative) { throw APIError.invalidRequest(Vendor.self, refusal) }
            url = base + relative
        }
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        return url
    }

    /// Percent-encodes a query component or path segment, keeping the vendor's literals.
    public static func escape(_ s: String) -> String { URLText.escape(s, keeping: Vendor.queryLiterals) }

    /// The decoder for the vendors' snake_case JSON.
    public static var decoder: JSONDecoder { RawRecord.decoder }
}
