/// Why a Distru webhook was refused.
public enum DistruWebhookError: Error, Sendable, CustomStringConvertible {
    case badSignature
    case malformed(String)

    public var description: String {
        switch self {
        case .badSignature: "Distru webhook refused: missing or invalid x-distru-signature (check the webhook secret)"
        case .malformed(let r): "Distru webhook body not understood: \(r)"
        }
    }
}
