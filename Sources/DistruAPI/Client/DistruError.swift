import HTTPClientSupport

/// One Distru call as it appears in errors and logs.
public typealias DistruCall = HTTPCall

/// One entry of Distru's error body `{"errors": [{"message": …, "pointer": ["items", 0, "quantity"]}]}`.
public struct DistruErrorDetail: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The path to the offending field: keys and array indexes.
    public var pointer: [String]

    public init(message: String, pointer: [String] = []) {
        self.message = message
        self.pointer = pointer
    }

    public var description: String { pointer.isEmpty ? message : "\(pointer.joined(separator: ".")): \(message)" }

    /// Parses an error body; nil when it is not Distru's shape.
    public static func parse(_ bytes: [UInt8]) -> [DistruErrorDetail]? {
        guard let json = try? JSONParser.parse(bytes), let errors = json["errors"]?.arrayValue else { return nil }
        return errors.map { e in
            let pointer = (e["pointer"]?.arrayValue ?? []).map { p -> String in
                switch p {
                case .string(let s): s
                case .number(let n): n
                default: p.text
                }
            }
            return DistruErrorDetail(message: e["message"]?.stringValue ?? e.text, pointer: pointer)
        }
    }
}

/// Everything the Distru client can throw. Each case names the call and what came back; bodies
/// are cut to ``DistruError/bodyLimit`` characters.
public enum DistruError: Error, Sendable, CustomStringConvertible {
    /// Distru answered with a status that is not retried (4xx other than 429), or a 5xx after the
    /// retry limit. `errors` holds Distru's `{message, pointer}` entries when the body had them.
    case http(DistruCall, status: Int, errors: [DistruErrorDetail], body: String)
    /// Still 429 after the retry limit.
    case rateLimited(DistruCall, retryAfter: String?)
    /// No HTTP answer (refused, reset, timed out) after the retry limit.
    case transport(DistruCall, reason: String)
    /// A 2xx whose body is not the JSON expected.
    case malformedResponse(DistruCall, reason: String, body: String)
    /// A request the client refuses to make (bad URL, `next_page` on another host, missing id).
    case invalidRequest(String)

    public static let bodyLimit = 500

    public var call: DistruCall? {
        switch self {
        case .http(let c, _, _, _), .rateLimited(let c, _), .transport(let c, _), .malformedResponse(let c, _, _): c
        case .invalidRequest: nil
        }
    }

    /// The HTTP status, when Distru answered.
    public var status: Int? {
        switch self {
        case .http(_, let s, _, _): s
        case .rateLimited: 429
        default: nil
        }
    }

    /// Distru's validation errors (empty for other failures).
    public var details: [DistruErrorDetail] {
        if case .http(_, _, let e, _) = self { return e }
        return []
    }

    public var description: String {
        switch self {
        case .http(let c, let s, let errors, let b):
            let hint = switch s {
            case 400, 422: "Distru rejected the fields named above; fix them and resend"
            case 401, 403: "check the Distru API key (Settings → API) and its permissions"
            case 404: "the record does not exist or was deleted in Distru"
            case 500...: "Distru kept failing; try again later"
            default: "see the body"
            }
            let what = errors.isEmpty ? b : errors.map(\.description).joined(separator: "; ")
            return "Distru \(c) answered \(s): \(what) (\(hint))"
        case .rateLimited(let c, let ra):
            return "Distru \(c) still rate-limited (429\(ra.map { ", Retry-After \($0)" } ?? "")); slow down or wait"
        case .transport(let c, let r):
            return "Distru \(c) got no answer: \(r); check the network and base URL"
        case .malformedResponse(let c, let r, let b):
            return "Distru \(c) returned a body that is not the expected JSON (\(r)): \(b)"
        case .invalidRequest(let r):
            return "invalid Distru request: \(r)"
        }
    }

    static func excerpt(_ bytes: [UInt8]) -> String {
        let s = String(decoding: bytes.prefix(bodyLimit * 4), as: UTF8.self)
        return s.count > bodyLimit ? String(s.prefix(bodyLimit)) + "… (\(bytes.count) bytes)" : s
    }
}
