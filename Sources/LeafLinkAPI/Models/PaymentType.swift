/// `payment_type` of an order payment.
public enum PaymentType: OpenEnum {
    case other, cash, check, credit, trade, ach, wire, cashier
    case unknown(String)
    static let all: [PaymentType] = [.other, .cash, .check, .credit, .trade, .ach, .wire, .cashier]
    public init(rawValue: String) {
        self = Self.all.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }
    public var rawValue: String {
        switch self {
        case .other: "other"
        case .cash: "cash"
        case .check: "check"
        case .credit: "credit"
        case .trade: "trade"
        case .ach: "ach"
        case .wire: "wire"
        case .cashier: "cashier"
        case .unknown(let s): s
        }
    }
}
