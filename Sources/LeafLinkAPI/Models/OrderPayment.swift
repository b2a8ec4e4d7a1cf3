public import Foundation
import HTTPClientSupport
import LeafSyncJSON

/// A payment recorded against an order (`/order-payments/`).
public struct OrderPayment: Sendable, Codable, Hashable {
    public var id: Int
    public var order: String
    public var recordedBy: Int?
    public var total: LeafLinkMoney
    public var paymentDate: String?
    public var reason: String?
    public var paymentType: PaymentType?
    public var modified: LeafLinkTimestamp?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLenientInt(forKey: .id)
        order = try c.decode(String.self, forKey: .order)
        recordedBy = c.decodeLenientIntIfPresent(forKey: .recordedBy)
        total = try c.decode(LeafLinkMoney.self, forKey: .total)
        paymentDate = try c.decodeIfPresent(String.self, forKey: .paymentDate)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        paymentType = try c.decodeIfPresent(PaymentType.self, forKey: .paymentType)
        modified = try c.decodeIfPresent(LeafLinkTimestamp.self, forKey: .modified)
    }
}
