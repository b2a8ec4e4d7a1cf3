import Foundation

/// The order syncs by LL order number, with indexes of the blocked ones (by the reps and LL
/// products they name) so that re-checking R-ORD-01 after a rep mapping or a stock change costs
/// only the orders that change can unblock, and of short ids, so a Distru SO that names its
/// order by short id finds it without a scan.
public struct OrderTable: Equatable, Sendable {
    private var byNumber: [String: OrderSync] = [:]
    /// LL order numbers whose sync is blocked (R-ORD-01).
    public private(set) var blocked: Set<String> = []
    private var blockedByRep: [Int: Set<String>] = [:]
    private var blockedByProduct: [Int: Set<String>] = [:]
    private var byShortID: [String: Set<String>] = [:]

    public init() {}

    public subscript(number: String) -> OrderSync? {
        get { byNumber[number] }
        set {
            let old = if let newValue { byNumber.updateValue(newValue, forKey: number) } else { byNumber.removeValue(forKey: number) }
            reindex(number, old: old, new: newValue)
        }
    }

    public var keys: Dictionary<String, OrderSync>.Keys { byNumber.keys }
    public var values: Dictionary<String, OrderSync>.Values { byNumber.values }
    public var count: Int { byNumber.count }

    /// Blocked orders naming rep `id` (the only ones a new mapping of that rep can unblock).
    public func blocked(naming rep: Int) -> Set<String> { blockedByRep[rep] ?? [] }

    /// Blocked orders with a line of LL product `id`.
    public func blocked(ordering product: Int) -> Set<String> { blockedByProduct[product] ?? [] }

    /// Orders whose LL short id is `shortID`.
    public func numbers(withShortID shortID: String) -> Set<String> { byShortID[shortID] ?? [] }

    private mutating func reindex(_ number: String, old: OrderSync?, new: OrderSync?) {
        let wasBlocked = old?.phase == .blocked, isBlocked = new?.phase == .blocked
        let oldOrder = wasBlocked ? old?.order : nil, newOrder = isBlocked ? new?.order : nil
        if isBlocked { blocked.insert(number) } else if wasBlocked { blocked.remove(number) }
        let oldReps = Set(oldOrder?.salesReps.map(\.id) ?? []), newReps = Set(newOrder?.salesReps.map(\.id) ?? [])
        if oldReps != newReps {
            for rep in oldReps.subtracting(newReps) { Self.remove(number, from: &blockedByRep, at: rep) }
            for rep in newReps.subtracting(oldReps) { blockedByRep[rep, default: []].insert(number) }
        }
        let oldProducts = Set(oldOrder?.lines?.compactMap(\.productID) ?? []),
            newProducts = Set(newOrder?.lines?.compactMap(\.productID) ?? [])
        if oldProducts != newProducts {
            for product in oldProducts.subtracting(newProducts) { Self.remove(number, from: &blockedByProduct, at: product) }
            for product in newProducts.subtracting(oldProducts) { blockedByProduct[product, default: []].insert(number) }
        }
        let oldShort = old?.order.shortID, newShort = new?.order.shortID
        if oldShort != newShort {
            if let oldShort { Self.remove(number, from: &byShortID, at: oldShort) }
            if let newShort { byShortID[newShort, default: []].insert(number) }
        }
    }

    private static func remove<Key: Hashable>(_ number: String, from index: inout [Key: Set<String>], at key: Key) {
        index[key]?.remove(number)
        if index[key]?.isEmpty == true { index[key] = nil }
    }
}
