import DistruAPI
public import Foundation
public import LeafSyncJSON

/// Inventory: `active` = on hand − what shipped orders (DELIVERING and later) took;
/// `reserved` = lines of PROCESSING and READY_TO_SHIP orders; `available` = active − reserved.
/// PENDING and CANCELED orders hold nothing.
extension DistruStore {
    static func key(_ product: String, _ location: String) -> String { "\(product)|\(location)" }

    func addOnHand(_ product: String, _ location: String, _ q: Decimal) { addOnHandKey(Self.key(product, location), q) }

    func addOnHandKey(_ key: String, _ q: Decimal) {
        if onHand[key] == nil { inventoryKeys.append(key) }
        onHand[key, default: 0] += q
    }

    /// Each line's stock key and quantity, for orders whose status matches.
    func lineQuantities(where matches: (SalesOrderStatus) -> Bool) -> [String: Decimal] {
        Self.lineQuantities(table("orders").all, where: matches)
    }

    static func lineQuantities(_ orders: [JSONObject], where matches: (SalesOrderStatus) -> Bool) -> [String: Decimal] {
        var out: [String: Decimal] = [:]
        for order in orders {
            guard let s = order["status"]?.stringValue, matches(SalesOrderStatus(rawValue: s)) else { continue }
            for item in order["items"]?.arrayValue ?? [] {
                guard let p = W.id(item["product"]), let l = W.id(item["location"]) ?? W.id(order["location"]),
                    let q = W.dec(item["quantity"])
                else { continue }
                out[key(p, l), default: 0] += q
            }
        }
        return out
    }

    func shippedQuantities() -> [String: Decimal] { lineQuantities { $0.hasShipped } }

    func inventoryRows() -> [JSONObject] {
        let shipped = shippedQuantities()
        let reserved = lineQuantities { $0.reservesStock }
        var keys = inventoryKeys
        for k in Set(shipped.keys).union(reserved.keys).sorted() where onHand[k] == nil { keys.append(k) }
        return keys.map { k in
            let parts = k.split(separator: "|", maxSplits: 1).map(String.init)
            let active = (onHand[k] ?? 0) - (shipped[k] ?? 0)
            let r = reserved[k] ?? 0
            return JSONObject([
                ("product_id", .string(parts[0])), ("location_id", .string(parts[1])),
                ("active", W.text(active)), ("available", W.text(active - r)), ("reserved", W.text(r)),
            ])
        }
    }

    /// Control: changes on-hand stock by `delta` (or sets `active` to `set`).
    public func adjustInventory(product: String, location: String, delta: Decimal?, set: Decimal?) throws(DistruSimError) -> JSONObject {
        _ = try require("products", product)
        _ = try require("locations", location)
        let key = Self.key(product, location)
        if let set {
            let current = (onHand[key] ?? 0) - (shippedQuantities()[key] ?? 0)
            addOnHandKey(key, set - current)
        } else {
            addOnHandKey(key, delta ?? 0)
        }
        return inventoryRows().first { W.id($0["product_id"]) == product && W.id($0["location_id"]) == location }!
    }
}
