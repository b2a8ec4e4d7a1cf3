/// Why a LeafLink webhook was refused.
public enum LeafLinkWebhookError: Error, Sendable, CustomStringConvertible {
    case badSignature
    case malformed(String)

    public var description: String {
        switch self {
        case .badSignature: "LeafLink webhook refused: missing or invalid LL-Signature (check the webhook key)"
        case .malformed(let r): "LeafLink webhook body not understood: \(r)"
        }
    }
}
