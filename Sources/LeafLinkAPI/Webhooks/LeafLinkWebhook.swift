import Crypto
import Foundation

/// LeafLink webhook checks and parsing. Webhooks are hints: verify, log the raw body, then fetch
/// the record they name through the REST API.
public enum LeafLinkWebhook {
    /// The header carrying the signature.
    public static let signatureHeader = "LL-Signature"

    /// `base64(HMAC-SHA256(key: UTF-8 of webhookKey, message: raw body))`.
    public static func signature(body: [UInt8], key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(key.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// True when `signature` is the body's valid signature. Compares the MACs in constant time.
    public static func isValid(body: [UInt8], signature: String?, key: String) -> Bool {
        guard let signature, let given = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)) else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: body, using: SymmetricKey(data: Array(key.utf8)))
    }

    /// Parses either body shape: the envelope `{"type","action","data"}` (orders in LeafLink's
    /// older shape with `orderedproduct_set`, products in the REST shape), or a bare record.
    public static func parse(_ body: [UInt8]) throws -> WebhookDelivery {
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch {
            throw WebhookError.malformed(error.description)
        }
        guard case .object(let root) = json else { throw WebhookError.malformed("not a JSON object") }
        let data: JSONValue
        var type = root["type"]?.stringValue
        if let d = root["data"], case .object = d {
            data = d
        } else {
            data = json
        }
        if type == nil {
            type = data["number"] != nil ? "order" : (data["sku"] != nil ? "product" : nil)
        }
        let action = root["action"]?.stringValue ?? "edit"
        switch type {
        case "order":
            guard let number = data["number"]?.stringValue else { throw WebhookError.malformed("order without `number`") }
            let lines = (data["orderedproduct_set"] ?? data["line_items"])?.arrayValue ?? []
            return WebhookDelivery(kind: .order(number: number), action: action, data: data, lineCount: lines.count)
        case "product":
            guard let id = data["id"]?.intValue else { throw WebhookError.malformed("product without `id`") }
            return WebhookDelivery(kind: .product(id: id), action: action, data: data, lineCount: 0)
        default:
            throw WebhookError.malformed("unknown webhook type \(type ?? "none")")
        }
    }
}

/// A parsed webhook body.
public struct WebhookDelivery: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case order(number: String)
        case product(id: Int)
    }

    public var kind: Kind
    /// `create` or `edit`.
    public var action: String
    /// The `data` object as sent.
    public var data: JSONValue
    /// Lines in the order (`orderedproduct_set` in the older shape).
    public var lineCount: Int

    /// The log subject of the record the webhook names.
    public var subject: String {
        switch kind {
        case .order(let n): "ll-order:\(n)"
        case .product(let id): "ll-product:\(id)"
        }
    }
}

public enum WebhookError: Error, Sendable, CustomStringConvertible {
    case badSignature
    case malformed(String)

    public var description: String {
        switch self {
        case .badSignature: "LeafLink webhook refused: missing or invalid LL-Signature (check the webhook key)"
        case .malformed(let r): "LeafLink webhook body not understood: \(r)"
        }
    }
}

/// SHA-256 of a payload, hex, for "has this record changed" checks.
public func leafLinkContentHash(_ bytes: [UInt8]) -> String { contentHash(bytes) }
