import Foundation

/// The order syncs by LL order number, with an index of the blocked ones so that re-checking
/// R-ORD-01 after each relevant event costs the blocked orders only, not every order.
public struct OrderTable: Equatable, Sendable {
    private var byNumber: [String: OrderSync] = [:]
    /// LL order numbers whose sync is blocked (R-ORD-01).
    public private(set) var blocked: Set<String> = []

    public init() {}

    public subscript(number: String) -> OrderSync? {
        get { byNumber[number] }
        set {
            byNumber[number] = newValue
            if newValue?.phase == .blocked { blocked.insert(number) } else { blocked.remove(number) }
        }
    }

    public var keys: Dictionary<String, OrderSync>.Keys { byNumber.keys }
    public var values: Dictionary<String, OrderSync>.Values { byNumber.values }
    public var count: Int { byNumber.count }
}
