import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// One HTTP answer after retries: status, body, headers and how many attempts it took.
public struct HTTPExchange: Sendable {
    public var status: Int
    public var body: [UInt8]
    public var headers: HTTPHeaders
    public var attempts: Int
}

/// Why ``HTTPExchange/send(_:using:timeout:policy:idempotent:logger:name:beforeAttempt:)``
/// gave up; each client turns it into its own typed error.
public enum HTTPExchangeFailure: Error, Sendable {
    /// No HTTP answer (refused, reset, timed out) on the last attempt allowed.
    case transport(attempts: Int, reason: String)
    /// Still 429 after the last attempt.
    case rateLimited(attempts: Int, retryAfter: String?)
    /// A status that is not retried (4xx but 429), or a 5xx after the last attempt allowed.
    case status(attempts: Int, status: Int, body: [UInt8])
}

extension HTTPExchange {
    /// Sends `request` until it gets a 2xx or a final answer: 429 is retried (after
    /// `Retry-After` or the backoff), and so are 5xx and lost answers when `idempotent`; other
    /// 4xx are not. `name(attempt)` names the call in log lines (never the key);
    /// `beforeAttempt` runs before each try (a client-side rate limit).
    public static func send(
        _ request: HTTPClientRequest, using http: HTTPClient, timeout: Duration, policy: RetryPolicy, idempotent: Bool,
        logger: Logger, name: (Int) -> String, beforeAttempt: () async throws -> Void = {}
    ) async throws -> HTTPExchange {
        var attempt = 0
        while true {
            attempt += 1
            try await beforeAttempt()
            let status: Int
            let bytes: [UInt8]
            let headers: HTTPHeaders
            do {
                let response = try await http.execute(request, timeout: .nanoseconds(timeout.totalNanoseconds))
                let buffer = try await response.body.collect(upTo: 64 << 20)
                status = Int(response.status.code)
                bytes = Array(buffer.readableBytesView)
                headers = response.headers
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let reason = String(describing: error)
                guard idempotent, attempt < policy.maxAttempts else { throw HTTPExchangeFailure.transport(attempts: attempt, reason: reason) }
                let delay = policy.backoff(afterAttempt: attempt)
                logger.notice("\(name(attempt)) failed (\(reason)); retrying in \(delay)")
                try await Task.sleep(for: delay)
                continue
            }
            logger.debug("\(name(attempt)) → \(status) (\(bytes.count) bytes)")
            switch status {
            case 200..<300:
                return HTTPExchange(status: status, body: bytes, headers: headers, attempts: attempt)
            case 429:
                let retryAfter = headers.first(name: "Retry-After")
                guard attempt < policy.maxAttempts else { throw HTTPExchangeFailure.rateLimited(attempts: attempt, retryAfter: retryAfter) }
                let delay = policy.delay(retryAfter: retryAfter, afterAttempt: attempt)
                logger.notice("\(name(attempt)) rate-limited; retrying in \(delay)")
                try await Task.sleep(for: delay)
            case 500...:
                guard idempotent, attempt < policy.maxAttempts else {
                    throw HTTPExchangeFailure.status(attempts: attempt, status: status, body: bytes)
                }
                let delay = policy.backoff(afterAttempt: attempt)
                logger.notice("\(name(attempt)) answered \(status); retrying in \(delay)")
                try await Task.sleep(for: delay)
            default:
                throw HTTPExchangeFailure.status(attempts: attempt, status: status, body: bytes)
            }
        }
    }
}

extension HTTPClientRequest {
    /// A request to a JSON API: the `Authorization` value (never logged), `User-Agent`, `Accept:
    /// application/json` and, with a body, `Content-Type: application/json`.
    public static func json(
        _ method: HTTPMethod, url: String, authorization: String, userAgent: String, body: JSONValue? = nil
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        return request
    }
}
