import Crypto
import Foundation
import HTTPClientSupport
import LeafSyncJSON

/// Distru webhook checks and parsing. Webhooks are hints: verify, log the raw body, then fetch
/// the record they name (or record its deletion).
public enum DistruWebhooks {
    /// The header carrying the signature: `sha256=<hex HMAC-SHA256 of the raw body>`.
    public static let signatureHeader = "x-distru-signature"

    /// `sha256=` + hex HMAC-SHA256 of `body` keyed with the UTF-8 of `secret`.
    public static func signature(body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// True when `header` is the body's valid signature; the MACs are compared in constant time.
    public static func isValid(body: [UInt8], header: String?, secret: String) -> Bool {
        guard let header else { return false }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("sha256="), let mac = hexBytes(trimmed.dropFirst(7)), mac.count == 32 else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Array(secret.utf8)))
    }

    static func hexBytes(_ s: Substring) -> [UInt8]? {
        let chars = Array(s.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < chars.count {
            guard let h = nibble(chars[i]), let l = nibble(chars[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    /// Parses `{type, event, id, object, changes, occurred_datetime}`.
    public static func parse(_ body: [UInt8]) throws(DistruWebhookError) -> DistruWebhookDelivery {
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch { throw .malformed(error.description) }
        guard case .object(let root) = json else { throw .malformed("not a JSON object") }
        guard let type = root["type"]?.stringValue else { throw .malformed("no `type`") }
        guard let event = root["event"]?.stringValue else { throw .malformed("no `event`") }
        let id: String
        switch root["id"] ?? root["object"]?["id"] {
        case .string(let s)?: id = s
        case .number(let n)?: id = n
        default: throw .malformed("no `id`")
        }
        return DistruWebhookDelivery(
            type: DistruEnum(rawValue: type.uppercased()), event: DistruEnum(rawValue: event.uppercased()), id: id,
            object: root["object"].flatMap { $0.isNull ? nil : $0 }, changes: root["changes"]?.objectValue,
            occurredDatetime: root["occurred_datetime"]?.stringValue.flatMap({ DistruTimestamp($0) }))
    }
}
