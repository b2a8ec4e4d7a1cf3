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
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "\(configuration.authScheme) \(configuration.apiKey)")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        let shownURL = Self.displayURL(url)
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let call = LeafLinkCall(method: method.rawValue, url: shownURL, attempts: attempt)
            try await limiter.acquire()
            let status: Int
            let bytes: [UInt8]
            let headers: HTTPHeaders
            do {
                let response = try await http.execute(request, timeout: .nanoseconds(configuration.timeout.nanoseconds))
                let buffer = try await response.body.collect(upTo: 64 << 20)
                status = Int(response.status.code)
                bytes = Array(buffer.readableBytesView)
                headers = response.headers
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let reason = Self.describe(error)
                guard idempotent, attempt < policy.maxAttempts else { throw LeafLinkError.transport(call, reason: reason) }
                let delay = policy.backoff(afterAttempt: attempt)
                logger.notice("LeafLink \(call) failed (\(reason)); retrying in \(delay)")
                try await Task.sleep(for: delay)
                continue
            }
            logger.debug("LeafLink \(call) → \(status) (\(bytes.count) bytes)")
            switch status {
            case 200..<300:
                return Response(status: status, body: bytes, call: call, serverDate: headers.first(name: "Date").flatMap(Self.parseHTTPDate))
            case 429:
                let retryAfter = headers.first(name: "Retry-After")
                guard attempt < policy.maxAttempts else { throw LeafLinkError.rateLimited(call, retryAfter: retryAfter) }
                let delay = retryAfter.flatMap(Self.retryAfterSeconds).map { min(Duration.seconds($0), policy.maxRetryAfter) }
                    ?? policy.backoff(afterAttempt: attempt)
                logger.notice("LeafLink \(call) rate-limited; retrying in \(delay)")
                try await Task.sleep(for: delay)
            case 500...:
                guard idempotent, attempt < policy.maxAttempts else {
                    throw LeafLinkError.http(call, status: status, body: LeafLinkError.excerpt(bytes))
                }
                let delay = policy.backoff(afterAttempt: attempt)
                logger.notice("LeafLink \(call) answered \(status); retrying in \(delay)")
                try await Task.sleep(for: delay)
            default:
                throw LeafLinkError.http(call, status: status, body: LeafLinkError.excerpt(bytes))
            }
        }
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
            guard Self.origin(path) == Self.origin(configuration.baseURL) else {
                throw LeafLinkError.invalidRequest("refusing to send the API key to \(Self.origin(path)) (base is \(Self.origin(configuration.baseURL)))")
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
            url += (url.contains("?") ? "&" : "?") + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        return url
    }

    static func origin(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<schemeEnd.upperBound]) + host
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(b >> 4)])\(hex[Int(b & 0xF)])"
            }
        }
        return out
    }

    /// The URL without scheme and host, as shown in errors.
    static func displayURL(_ url: String) -> String {
        let o = origin(url)
        return url.hasPrefix(o) ? String(url.dropFirst(o.count)) : url
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError { return "\(e)" }
        return String(describing: error)
    }

    /// `Retry-After` as seconds, from either form: delta-seconds or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v) { return max(0, s) }
        guard let date = parseHTTPDate(v) else { return nil }
        return max(0, Double(date.microseconds - LeafLinkTimestamp.now().microseconds) / 1e6)
    }

    static func parseHTTPDate(_ s: String) -> LeafLinkTimestamp? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let d = f.date(from: s) else { return nil }
        return LeafLinkTimestamp(microseconds: Int64(d.timeIntervalSince1970) * 1_000_000)
    }

    /// The decoder for LeafLink's snake_case JSON.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (s, a) = components
        return s * 1_000_000_000 + a / 1_000_000_000
    }
}
