import HTTPClientSupport

/// One LeafLink call as it appears in errors and logs.
public typealias LeafLinkCall = HTTPCall

/// Everything the LeafLink client can throw. Each case names the call and what came back;
/// response bodies are truncated to ``LeafLinkError/bodyLimit`` characters.
public enum LeafLinkError: Error, Sendable, CustomStringConvertible {
    /// LeafLink answered with a status that is not retried (4xx other than 429), or a 5xx after
    /// the retry limit.
    case http(LeafLinkCall, status: Int, body: String)
    /// Still 429 after the retry limit.
    case rateLimited(LeafLinkCall, retryAfter: String?)
    /// No HTTP answer (refused, reset, timed out) after the retry limit.
    case transport(LeafLinkCall, reason: String)
    /// A 2xx whose body is not the JSON expected.
    case malformedResponse(LeafLinkCall, reason: String, body: String)
    /// A request the client refuses to make (bad URL, `next` pointing at another host).
    case invalidRequest(String)

    public static let bodyLimit = 500

    public var call: LeafLinkCall? {
        switch self {
        case .http(let c, _, _), .rateLimited(let c, _), .transport(let c, _), .malformedResponse(let c, _, _): c
        case .invalidRequest: nil
        }
    }

    /// The HTTP status, when LeafLink answered.
    public var status: Int? {
        switch self {
        case .http(_, let s, _): s
        case .rateLimited: 429
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .http(let c, let s, let b):
            let hint = switch s {
            case 400: "LeafLink rejected the request; check the fields in the body"
            case 401, 403: "check the API key and that it belongs to the seller company"
            case 404: "the record does not exist or is not visible to this key"
            case 500...: "LeafLink kept failing; try again later"
            default: "see the body"
            }
            return "LeafLink \(c) answered \(s): \(b) (\(hint))"
        case .rateLimited(let c, let ra):
            return "LeafLink \(c) still rate-limited (429\(ra.map { ", Retry-After \($0)" } ?? "")); lower requestsPerMinute or wait"
        case .transport(let c, let r):
            return "LeafLink \(c) got no answer: \(r); check the network and base URL"
        case .malformedResponse(let c, let r, let b):
            return "LeafLink \(c) returned a body that is not the expected JSON (\(r)): \(b)"
        case .invalidRequest(let r):
            return "invalid LeafLink request: \(r)"
        }
    }

    static func excerpt(_ bytes: [UInt8]) -> String {
        let s = String(decoding: bytes.prefix(bodyLimit * 4), as: UTF8.self)
        return s.count > bodyLimit ? String(s.prefix(bodyLimit)) + "… (\(bytes.count) bytes)" : s
    }
}
