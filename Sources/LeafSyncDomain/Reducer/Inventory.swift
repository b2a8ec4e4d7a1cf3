import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Inventory: Distru is the source of truth (R-INV).
extension Reduction {
    mutating func observeInventory(_ row: DistruInventoryRow) {
        state.inventory[row.productID, default: [:]][row.locationID] = row.available
        reevaluateBlockedOrders(.distruProduct(row.productID))
    }

    /// R-INV-01: available quantity summed over the configured locations, or all when none are.
    func availableQuantity(_ distruID: String) -> Decimal {
        guard let rows = state.inventory[distruID] else {
            // No inventory row seen yet: the product record's own figure.
            return state.distruProducts[distruID]?.quantityAvailable ?? 0
        }
        // Exact sums: the order of the rows cannot change the total.
        let chosen = state.settings.inventoryLocationIDs
        var total = Decimal(0)
        if chosen.isEmpty {
            for quantity in rows.values { total += quantity }
        } else {
            for location in chosen { if let quantity = rows[location] { total += quantity } }
        }
        return total
    }

    /// R-INV-02/03/05/06 for one link, in a push cycle.
    mutating func pushInventory(_ distruID: String) {
        guard let link = state.links[distruID] else { return }
        let llID = link.leafLinkProductID
        let mode = state.leafLinkProducts[llID]?.inventoryManagement ?? .managed
        guard mode == .managed else { return }  // Unlimited: ignored (R-INV-03); Inherited: pushed once (R-INV-04).
        let available = availableQuantity(distruID)
        let quantity = max(0, available)  // R-INV-06
        guard quantity != link.leafLinkQuantity else { return }
        emit(
            key: "ll-inventory:\(llID)@\(now.microseconds)", subject: "ll-product:\(llID)", rule: "R-INV-02",
            .pushLeafLinkInventory(leafLinkProductID: llID, quantity: quantity))
        state.links[distruID]?.leafLinkQuantity = quantity
        note(
            "ll-product:\(llID)", available < 0 ? "R-INV-06" : "R-INV-02",
            "pushed quantity \(DecimalText.plain(quantity)) (Distru available \(DecimalText.plain(available)); LeafLink showed \(link.leafLinkQuantity.map(DecimalText.plain) ?? "nothing"))"
        )
    }
}
