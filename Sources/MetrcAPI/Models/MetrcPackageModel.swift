public import Foundation

/// A row of `GET /transfers/v2/deliveries/{id}/packages`.
public struct MetrcPackageModel: Decodable, Sendable, Hashable {
    /// Where a package on a delivery stands.
    public enum State: String, Decodable, Sendable, Hashable {
        case shipped = "Shipped"
        case rejected = "Rejected"
        case accepted = "Accepted"
        case returned = "Returned"
    }

    public var packageId: Int
    /// The 24-character package tag.
    public var packageLabel: String
    public var itemName: String?
    public var shippedQuantity: Decimal?
    public var shippedUnitOfMeasureName: String?
    public var shipmentPackageState: State
}
