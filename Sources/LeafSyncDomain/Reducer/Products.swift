import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Product links (R-PRD-01/02/04/09), LL product creation (R-PRD-05/06) and field pushes (R-PRD-07).
extension Reduction {
    mutating func observeLeafLinkProduct(_ p: LeafLinkProduct) {
        state.leafLinkProducts[p.id] = p
        for (distruID, llID) in state.waitingLinks.sorted(by: { $0.key < $1.key }) where llID == p.id {
            link(distruID: distruID, leafLinkID: llID, rule: "R-PRD-01")
        }
        if let distruID = state.linkOfLeafLinkProduct[p.id] {
            // R-INV-02/05: what LL shows now; a difference from Distru is pushed next cycle.
            state.links[distruID]?.leafLinkQuantity = p.quantity
        }
    }

    mutating func observeDistruProduct(_ p: DistruProduct) {
        let previous = state.distruProducts[p.id]
        state.distruProducts[p.id] = p
        // A new or changed `leaflink_product_id` is Distru's own link, made before LeafSync (first connection).
        let named = p.leafLinkProductID.flatMap { $0 == previous?.leafLinkProductID ? nil : $0 }
        if let llID = state.waitingLinks[p.id] {
            if let named, named != llID {
                note(
                    "distru-product:\(p.id)", "R-PRD-01",
                    "Distru's record names LeafLink product \(named), but the operator asked for \(llID): the operator's link is kept")
            }
            link(distruID: p.id, leafLinkID: llID, rule: "R-PRD-01")
        } else if let named {
            importLink(p, leafLinkID: named)
        }
        if let request = state.waitingCreations.removeValue(forKey: p.id) { requestLeafLinkProduct(request) }
        if var link = state.links[p.id], ProductFields(p) != link.pushedFields, !link.fieldsPending {
            link.fieldsPending = true
            state.links[p.id] = link
            note("distru-product:\(p.id)", "R-PRD-07", "product fields changed in Distru: pushed to LeafLink at the next push cycle")
        }
        reevaluateBlockedOrders(.distruProduct(p.id))
    }

    /// First connection: a Distru product whose record already carries `leaflink_product_id` (a link
    /// made in Distru before LeafSync) is linked to that LeafLink product, by the rules of an
    /// operator's link: it waits until both products are known, and a second claim on one LeafLink
    /// product (R-PRD-01), another existing link (R-PRD-02) or another unit type (R-PRD-04) is a
    /// refusal with its rule. Only a new or changed value is imported, so an operator's unlink
    /// stands while the record keeps naming the same product.
    private mutating func importLink(_ p: DistruProduct, leafLinkID: Int) {
        if state.links[p.id]?.leafLinkProductID == leafLinkID { return }
        note("distru-product:\(p.id)", "R-PRD-01", "Distru's record names LeafLink product \(leafLinkID): imported as a link")
        link(distruID: p.id, leafLinkID: leafLinkID, rule: "R-PRD-01")
    }

    /// R-PRD-01/02/04: link, or record why the link is refused. Asking again for the link that
    /// exists (an operator confirming an imported link) changes nothing.
    mutating func link(distruID: String, leafLinkID: Int, rule: String) {
        let subject = "distru-product:\(distruID)"
        state.waitingLinks[distruID] = nil
        if let existing = state.links[distruID] {
            if existing.leafLinkProductID == leafLinkID { return }
            refuse(
                subject, "R-PRD-02",
                "Distru product \(distruID) is already linked to LeafLink product \(existing.leafLinkProductID); unlink it first")
            return
        }
        if let other = state.linkOfLeafLinkProduct[leafLinkID] {
            refuse(subject, "R-PRD-01", "LeafLink product \(leafLinkID) is already linked to Distru product \(other); a link is one-to-one")
            return
        }
        guard let d = state.distruProducts[distruID], let l = state.leafLinkProducts[leafLinkID] else {
            // Not refused: the link waits for both products and completes by itself once they are fetched.
            state.waitingLinks[distruID] = leafLinkID
            note(subject, rule, "link to LeafLink product \(leafLinkID) waits until both products have been fetched")
            return
        }
        guard d.leafLinkUnit == l.unit else {
            refuse(
                subject, "R-PRD-04",
                "Distru product \(d.name) is sold in \(d.leafLinkUnit.rawValue) (unit type \(d.unitTypeName ?? "none")) but LeafLink product \(l.name) in \(l.unit.rawValue); the unit types must match"
            )
            return
        }
        addLink(d, l, rule: rule)
    }

    private mutating func addLink(_ d: DistruProduct, _ l: LeafLinkProduct, rule: String) {
        let link = ProductLink(
            distruProductID: d.id, leafLinkProductID: l.id, linkedAt: now, pushedFields: ProductFields(d),
            syncedSalePrice: d.salePrice, syncedWholesalePrice: l.wholesalePrice, leafLinkQuantity: l.quantity)
        state.links[d.id] = link
        state.linkOfLeafLinkProduct[l.id] = d.id
        state.refusals["distru-product:\(d.id)"] = nil
        note("distru-product:\(d.id)", rule, "linked to LeafLink product \(l.id) (\(l.name))")
        // R-INV-04: Inherited pushes the quantity once, when first linked or created.
        if l.inventoryManagement == .inherited {
            let quantity = max(0, availableQuantity(d.id))
            if emit(
                key: "ll-inventory:\(l.id):inherited", subject: "ll-product:\(l.id)", rule: "R-INV-04",
                .pushLeafLinkInventory(leafLinkProductID: l.id, quantity: quantity))
            {
                state.links[d.id]?.leafLinkQuantity = quantity
            }
        }
        reevaluateBlockedOrders(.leafLinkProduct(l.id))
    }

    /// Refuses what an operator request asked (now, or when a request that waited is decided):
    /// kept in `state.refusals` and in the request's ``OperatorRequest`` outcome.
    mutating func refuse(_ subject: String, _ rule: String, _ why: String) {
        state.refusals[subject] = Decision(rule: rule, text: "\(rule): \(why)", at: now)
        refusalsMade.append((subject, rule, why))
        note(subject, rule, why)
    }

    /// R-PRD-09: the link goes, and with it every push for both products; history stays in the log.
    mutating func unlink(distruID: String) {
        state.waitingLinks[distruID] = nil
        guard let link = state.links.removeValue(forKey: distruID) else { return }
        state.linkOfLeafLinkProduct[link.leafLinkProductID] = nil
        for key in state.commands.pending.keys.sorted() {
            switch state.commands.pending[key]?.action {
            case .pushLeafLinkInventory(let id, _) where id == link.leafLinkProductID,
                .updateLeafLinkProduct(let id, _) where id == link.leafLinkProductID:
                state.commands.finish(key, as: .cancelled)
            case .setDistruSalePrice(let id, _) where id == distruID:
                state.commands.finish(key, as: .cancelled)
            default: break
            }
        }
        note("distru-product:\(distruID)", "R-PRD-09", "unlinked from LeafLink product \(link.leafLinkProductID); pushes stopped")
    }

    /// R-PRD-05/06: create an LL product from a Distru product with the supported subset of fields.
    mutating func requestLeafLinkProduct(_ r: LeafLinkProductRequest) {
        let subject = "distru-product:\(r.distruProductID)"
        guard let d = state.distruProducts[r.distruProductID] else {
            state.waitingCreations[r.distruProductID] = r
            note(subject, "R-PRD-05", "creation of a LeafLink product waits until Distru product \(r.distruProductID) has been fetched")
            return
        }
        if let existing = state.links[d.id] {
            refuse(
                subject, "R-PRD-02",
                "Distru product \(d.name) is already linked to LeafLink product \(existing.leafLinkProductID); unlink it first")
            return
        }
        let sellInMultiples = r.sellInMultiples ?? false
        let perCase = sellInMultiples ? (r.unitsPerCase ?? d.unitsPerCase ?? 1) : 1
        var fields = r.fields
        fields.sku = r.sku ?? d.sku
        fields.description = r.description ?? d.description
        fields.wholesalePrice = r.wholesalePrice ?? d.salePrice.map { $0.times(perCase) }
        fields.unitsPerCase = sellInMultiples ? perCase : nil
        let draft = LeafLinkProductDraft(
            distruProductID: d.id, name: r.name ?? d.name, showInventoryToBuyers: r.showInventoryToBuyers ?? true,
            inventoryManagement: InventoryManagement(json: r.inventoryManagement.map { JSONValue.number(String($0)) }),
            strainIDs: r.strainIDs ?? [], unit: d.leafLinkUnit, sellInMultiples: sellInMultiples, fields: fields
        )
        if d.leafLinkUnit == .unit, let name = d.unitTypeName, LeafLinkUnit(distruUnitType: name) == .unit,
            !["each", "unit", "units", "ea"].contains(name.lowercased())
        {
            note(subject, "R-PRD-06", "Distru unit type \(name) is not supported by LeafLink: the product is sold in Unit")
        }
        emit(key: "ll-product-create:\(d.id)", subject: subject, rule: "R-PRD-05", .createLeafLinkProduct(draft))
    }

    mutating func leafLinkProductCreated(_ draft: LeafLinkProductDraft, response: JSONValue) {
        let subject = "distru-product:\(draft.distruProductID)"
        guard let d = state.distruProducts[draft.distruProductID] else { return }
        guard let product = try? LeafLinkProduct(json: response.unwrappingData) else {
            raise(
                subject: subject, rule: "R-ERR-03", message: "R-ERR-03: LeafLink answered the product creation without a readable product",
                fix: "Find the product \(draft.name) in LeafLink and link it by hand.")
            return
        }
        var p = product
        if response.unwrappingData["inventory_management"] == nil { p.inventoryManagement = draft.inventoryManagement }
        state.leafLinkProducts[p.id] = p
        guard state.links[d.id] == nil, state.linkOfLeafLinkProduct[p.id] == nil else { return }
        addLink(d, p, rule: "R-PRD-05")
    }

    /// R-PRD-07: LeafLink-tab fields edited for a linked product; they go to LL in the next push cycle.
    mutating func leafLinkFieldsChanged(_ r: LeafLinkProductRequest) {
        let subject = "distru-product:\(r.distruProductID)"
        guard var link = state.links[r.distruProductID] else {
            refuse(subject, "R-PRD-07", "Distru product \(r.distruProductID) is not linked to a LeafLink product; link or create one first")
            return
        }
        link.settingsToPush = r
        state.links[r.distruProductID] = link
        note(subject, "R-PRD-07", "LeafLink fields changed: pushed to LeafLink product \(link.leafLinkProductID) at the next push cycle")
    }

    /// R-PRD-07: Distru-owned fields changed since the last push go to LL in the push cycle.
    mutating func pushProductFields(_ distruID: String) {
        guard var link = state.links[distruID], link.fieldsPending || link.settingsToPush != nil, let d = state.distruProducts[distruID]
        else { return }
        let current = ProductFields(d)
        let old = link.pushedFields
        var settings = link.settingsToPush
        settings?.name = nil
        settings?.sku = nil
        settings?.description = nil
        let changes = LeafLinkProductChanges(
            name: current.name != old.name ? current.name : nil,
            sku: current.sku != old.sku ? current.sku : nil,
            description: current.description != old.description ? current.description : nil,
            unit: current.unit != old.unit ? current.unit : nil,
            settings: settings
        )
        link.pushedFields = current
        link.fieldsPending = false
        link.settingsToPush = nil
        state.links[distruID] = link
        guard changes != LeafLinkProductChanges() else { return }
        emit(
            key: "ll-product-update:\(link.leafLinkProductID)@\(now.microseconds)",
            subject: "ll-product:\(link.leafLinkProductID)", rule: "R-PRD-07",
            .updateLeafLinkProduct(leafLinkProductID: link.leafLinkProductID, changes: changes))
    }
}
