/// A credit's `status`.
public enum CreditStatus: OpenEnum {
    case active, used, cancelled
    case unknown(String)
    public init(rawValue: String) {
        switch rawValue {
        case "active": self = .active
        case "used": self = .used
        case "cancelled": self = .cancelled
        default: self = .unknown(rawValue)
        }
    }
    public var rawValue: String {
        switch self {
        case .active: "active"
        case .used: "used"
        case .cancelled: "cancelled"
        case .unknown(let s): s
        }
    }
}
