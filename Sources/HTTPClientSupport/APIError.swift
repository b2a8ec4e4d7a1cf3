/// Everything a ``RemoteClient`` throws, for every vendor: what went wrong (``kind``), the call
/// it went wrong on, the vendor's structured error entries, an excerpt of the body and what to
/// do about it (``hint``). Never a key or a secret: calls carry no headers, and bodies are what
/// the server sent back.
///
/// ```swift
/// do { _ = try await client.product(id: 2093) }
/// catch let e as APIError where e.status == 404 { … }
/// ```
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The server answered with a status that is not retried (4xx other than 429), or a 5xx
        /// after the retry limit.
        case http(status: Int)
        /// Still 429 after the retry limit.
        case rateLimited(retryAfter: String?)
        /// No HTTP answer (refused, reset, timed out) after the retry limit.
        case transport(reason: String)
        /// A 2xx whose body is not the JSON expected.
        case malformedResponse(reason: String)
        /// A request the client refuses to make (bad URL, a next page on another host).
        case invalidRequest(reason: String)
    }

    /// Who was called: `LeafLink`, `Distru`.
    public var service: String
    public var kind: Kind
    /// The call, when one was made.
    public var call: HTTPCall?
    /// The vendor's structured entries (Distru's `{message, pointer}`); empty otherwise.
    public var details: [APIErrorDetail]
    /// The start of the body, at most ``bodyLimit`` characters.
    public var body: String
    /// What the operator should do about it.
    public var hint: String

    /// How much of a body an error keeps.
    public static let bodyLimit = 500

    public init(service: String, kind: Kind, call: HTTPCall?, details: [APIErrorDetail] = [], body: String = "", hint: String = "") {
        self.service = service
        self.kind = kind
        self.call = call
        self.details = details
        self.body = body
        self.hint = hint
    }

    /// The HTTP status, when the server answered.
    public var status: Int? {
        switch kind {
        case .http(let s): s
        case .rateLimited: 429
        default: nil
        }
    }

    public var description: String {
        let c = call.map { "\(service) \($0)" } ?? service
        switch kind {
        case .http(let s):
            let what = details.isEmpty ? body : details.map(\.description).joined(separator: "; ")
            return "\(c) answered \(s): \(what) (\(hint))"
        case .rateLimited(let retryAfter):
            return "\(c) still rate-limited (429\(retryAfter.map { ", Retry-After \($0)" } ?? "")); \(hint)"
        case .transport(let reason):
            return "\(c) got no answer: \(reason); \(hint)"
        case .malformedResponse(let reason):
            return "\(c) returned a body that is not the expected JSON (\(reason)): \(body)"
        case .invalidRequest(let reason):
            return "invalid \(service) request: \(reason)"
        }
    }

    /// The first ``bodyLimit`` characters of a body, with its size when it was cut.
    public static func excerpt(_ bytes: [UInt8]) -> String {
        let s = String(decoding: bytes.prefix(bodyLimit * 4), as: UTF8.self)
        return s.count > bodyLimit ? String(s.prefix(bodyLimit)) + "… (\(bytes.count) bytes)" : s
    }

    // MARK: Building one

    /// A final status from `Vendor`, with its error entries and hint.
    public static func http<Vendor: APIVendor>(_ vendor: Vendor.Type, _ call: HTTPCall, status: Int, body: [UInt8]) -> APIError {
        APIError(
            service: Vendor.name, kind: .http(status: status), call: call, details: Vendor.errorDetails(in: body),
            body: excerpt(body), hint: Vendor.hint(forStatus: status))
    }

    /// Still 429 from `Vendor` after the retry limit.
    public static func rateLimited<Vendor: APIVendor>(_ vendor: Vendor.Type, _ call: HTTPCall, retryAfter: String?) -> APIError {
        APIError(service: Vendor.name, kind: .rateLimited(retryAfter: retryAfter), call: call, hint: Vendor.rateLimitAdvice)
    }

    /// No answer from `Vendor` after the retry limit.
    public static func transport<Vendor: APIVendor>(_ vendor: Vendor.Type, _ call: HTTPCall, reason: String) -> APIError {
        APIError(service: Vendor.name, kind: .transport(reason: reason), call: call, hint: "check the network and base URL")
    }

    /// A body that is not what `call` should have returned (the service is the call's).
    public static func malformedResponse(_ call: HTTPCall, reason: String, body: [UInt8]) -> APIError {
        APIError(
            service: call.service, kind: .malformedResponse(reason: reason), call: call, body: excerpt(body),
            hint: "the server's answer changed shape; report it with the body")
    }

    /// A request refused before it was sent.
    public static func invalidRequest<Vendor: APIVendor>(_ vendor: Vendor.Type, _ reason: String) -> APIError {
        APIError(service: Vendor.name, kind: .invalidRequest(reason: reason), call: nil, hint: "fix the URL or path")
    }
}

/// One structured entry of an error body: a message and the path to the field it is about
/// (Distru's `{"message": …, "pointer": ["items", 0, "quantity"]}`).
public struct APIErrorDetail: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The path to the offending field: keys and array indexes.
    public var pointer: [String]

    public init(message: String, pointer: [String] = []) {
        self.message = message
        self.pointer = pointer
    }

    public var description: String { pointer.isEmpty ? message : "\(pointer.joined(separator: ".")): \(message)" }
}
