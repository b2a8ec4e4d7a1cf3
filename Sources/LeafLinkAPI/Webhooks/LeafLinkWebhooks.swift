import Crypto
import Foundation
import HTTPClientSupport
import LeafSyncJSON

/// LeafLink webhook checks and parsing (the domain's `LeafLinkWebhook` is the record they
/// become). Webhooks are hints: verify, log the raw body, then fetch
/// the record they name through the REST API.
public enum LeafLinkWebhooks {
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
    public static func parse(_ body: [UInt8]) throws -> LeafLinkWebhookDelivery {
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch {
            throw LeafLinkWebhookError.malformed(error.description)
        }
        guard case .object(let root) = json else { throw LeafLinkWebhookError.malformed("not a JSON object") }
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
            guard let number = data["number"]?.stringValue else { throw LeafLinkWebhookError.malformed("order without `number`") }
            let lines = (data["orderedproduct_set"] ?? data["line_items"])?.arrayValue ?? []
            return LeafLinkWebhookDelivery(kind: .order(number: number), action: action, data: data, lineCount: lines.count)
        case "product":
            // The id is a number in the REST shape; accept it as digits in a string too.
            guard let id = data["id"]?.intValue ?? data["id"]?.stringValue.flatMap({ Int($0) }) else {
                throw LeafLinkWebhookError.malformed("product without a numeric `id`")
            }
            return LeafLinkWebhookDelivery(kind: .product(id: id), action: action, data: data, lineCount: 0)
        default:
            throw LeafLinkWebhookError.malformed("unknown webhook type \(type ?? "none")")
        }
    }
}
