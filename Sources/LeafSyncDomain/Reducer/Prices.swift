import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Distru sale price ↔ LL wholesale price (R-PRC), when the setting is on.
extension Reduction {
    /// One push cycle for one link: push the side that changed; when both changed, the later source
    /// timestamp wins and the conflict is recorded (R-PRC-03). Echoes of our own pushes match the
    /// agreed pair and trigger nothing.
    mutating func syncPrices(_ distruID: String) {
        guard state.settings.syncPrices, var link = state.links[distruID],
            let d = state.distruProducts[distruID], let l = state.leafLinkProducts[link.leafLinkProductID],
            let sale = d.salePrice
        else { return }
        let wholesale = l.wholesalePrice
        let perCase = l.unitsPerCase
        let distruChanged = sale != link.syncedSalePrice
        let leafLinkChanged = wholesale != link.syncedWholesalePrice
        guard distruChanged || leafLinkChanged else { return }
        var distruWins = distruChanged
        let subject = "distru-product:\(distruID)"
        if distruChanged && leafLinkChanged {
            let dt = d.updatedAt?.microseconds ?? 0, lt = l.modifiedAt?.microseconds ?? 0
            distruWins = dt >= lt
            note(
                subject, "R-PRC-03",
                "price conflict: Distru sale price \(sale) (at \(d.updated ?? "?")) vs LeafLink wholesale \(wholesale) (at \(l.modified ?? "?")); \(distruWins ? "Distru" : "LeafLink") is later and wins"
            )
        }
        if distruWins {
            // R-PRC-02: LL prices a case of N units.
            let newWholesale = sale.times(perCase)
            link.syncedSalePrice = sale
            link.syncedWholesalePrice = newWholesale
            state.links[distruID] = link
            guard newWholesale != wholesale else { return }
            emit(
                key: "ll-product-price:\(l.id):\(newWholesale)@\(d.updated ?? "-")", subject: "ll-product:\(l.id)", rule: "R-PRC-01",
                .updateLeafLinkProduct(leafLinkProductID: l.id, changes: LeafLinkProductChanges(wholesalePrice: newWholesale)))
            note(subject, "R-PRC-01", "sale price \(sale) × \(DecimalText.plain(perCase)) → LeafLink wholesale price \(newWholesale)")
        } else {
            let newSale = wholesale.dividedRoundingToCent(by: perCase)
            link.syncedSalePrice = newSale
            link.syncedWholesalePrice = wholesale
            state.links[distruID] = link
            guard newSale != sale else { return }
            emit(
                key: "distru-product-price:\(distruID):\(newSale)@\(l.modified ?? "-")", subject: subject, rule: "R-PRC-01",
                .setDistruSalePrice(distruProductID: distruID, price: newSale))
            note(
                subject, "R-PRC-01", "LeafLink wholesale price \(wholesale) ÷ \(DecimalText.plain(perCase)) → Distru sale price \(newSale)")
        }
    }

    /// Re-anchors every link's agreed price pair to the current values (setting turned on: not retroactive).
    mutating func resetPriceBaselines() {
        for id in state.links.keys.sorted() {
            guard var link = state.links[id] else { continue }
            link.syncedSalePrice = state.distruProducts[id]?.salePrice
            link.syncedWholesalePrice = state.leafLinkProducts[link.leafLinkProductID]?.wholesalePrice
            state.links[id] = link
        }
    }
}
