import Foundation
import LeafSyncJSON
import LeafSyncLog

/// LeafLink orders → Distru SOs: eligibility (R-ORD-01) and creation (R-ORD-02 … R-ORD-15).
extension Reduction {
    mutating func observeLeafLinkOrder(_ o: LeafLinkOrder) {
        var sync = state.orders[o.number] ?? OrderSync(number: o.number, order: o)
        let previous = state.orders[o.number]?.order
        sync.order = o
        if let lock = state.settings.priceLockStatus, let p = o.status.progress, let lp = lock.progress, p >= lp, !sync.priceLocked {
            sync.priceLocked = true
            note(
                sync.subject, "R-ORD-12",
                "order reached \(o.status.rawValue), the price-lock status: LeafLink price changes are ignored from now on")
        }
        if sync.phase == .unsynced, let deletedAt = sync.deletedAtModified, deletedAt != o.modified {
            // R-UPD-04: an LL edit after the SO was deleted syncs as a brand-new SO.
            sync.generation += 1
            sync.phase = .notSynced
            sync.deletedAtModified = nil
            sync.salesOrderStatus = nil
            sync.sent = nil
            sync.shipDatePushed = nil
            note(sync.subject, "R-UPD-04", "order edited in LeafLink after its SO was deleted: it syncs as a new SO")
        }
        if sync.phase == .blocked, state.commands.abandoned.contains(sync.createKey), previous?.modified != o.modified {
            // R-ERR-03: the create failed for good; an LL edit is a new attempt.
            sync.generation += 1
            note(sync.subject, "R-ERR-03", "order edited in LeafLink after its SO creation failed: trying again")
        }
        state.orders[o.number] = sync
        adoptAwaitingSalesOrder(of: o)  // R-ORD-15: its SO was seen first
        switch state.orders[o.number]?.phase ?? sync.phase {
        case .notSynced, .blocked: evaluateOrder(o.number)
        case .creating, .unsynced: break
        case .synced: applyLeafLinkChanges(number: o.number, previous: previous)
        }
    }

    /// What changed, so that only the blocked orders it can unblock are re-checked.
    enum BlockerChange {
        /// A rep was mapped.
        case rep(Int)
        /// A LeafLink product was linked (or re-observed).
        case leafLinkProduct(Int)
        /// A Distru product's record or stock changed.
        case distruProduct(String)
        /// Anything (settings, push cycle): re-check every blocked order.
        case any
    }

    /// R-ORD-01: re-checks the blocked orders `change` may unblock, so the SO is created by the
    /// event that fixes the cause (rep mapped, product linked, stock arrived), without a manual replay.
    /// Only affected orders are evaluated: a long backlog of blocked orders stays cheap to replay.
    mutating func reevaluateBlockedOrders(_ change: BlockerChange = .any) {
        let affected: Set<String>
        switch change {
        case .any: affected = state.orders.blocked
        case .rep(let id): affected = state.orders.blocked(naming: id)
        case .leafLinkProduct(let id): affected = state.orders.blocked(ordering: id)
        case .distruProduct(let id):
            guard let linked = state.links[id]?.leafLinkProductID else { return }
            affected = state.orders.blocked(ordering: linked)
        }
        for number in affected.sorted() { evaluateOrder(number) }
    }

    mutating func evaluateOrder(_ number: String) {
        guard var sync = state.orders[number], sync.phase == .notSynced || sync.phase == .blocked else { return }
        let o = sync.order
        switch o.status {
        case .submitted, .accepted, .backorder: break
        default:
            // Draft is not synced; Rejected, Cancelled and Combined orders without an SO never get one; an
            // order first seen Fulfilled or later was fulfilled outside Distru (history, e.g. at setup).
            if sync.phase == .blocked { resolve(subject: sync.subject, rule: "R-ORD-01") }
            sync.phase = .notSynced
            sync.blockers = []
            state.orders[number] = sync
            note(sync.subject, "R-UPD-08", "LeafLink status \(o.status.rawValue) is not synced to Distru")
            return
        }
        let blockers = orderBlockers(o)
        sync.blockers = blockers
        if !blockers.isEmpty {
            sync.phase = .blocked
            state.orders[number] = sync
            raise(
                subject: sync.subject, rule: "R-ORD-01",
                message: "R-ORD-01: LeafLink order \(o.shortID ?? number) was not synced: " + blockers.joined(separator: "; "),
                fix: blockerFix(blockers))
            return
        }
        state.orders[number] = sync
        resolve(subject: sync.subject, rule: "R-ORD-01")
        guard !state.commands.abandoned.contains(sync.createKey) else {
            sync.phase = .blocked
            sync.blockers = ["creating the SO failed for good (see the R-ERR-03 error); edit the order in LeafLink to try again"]
            state.orders[number] = sync
            return
        }
        let draft = buildDraft(o)
        sync = state.orders[number]!
        let key = sync.createKey
        emit(key: key, subject: sync.subject, rule: "R-ORD-01", .createSalesOrder(draft))
        sync.phase = .creating
        sync.sent = draft
        sync.salesOrderStatus = draft.status
        state.orders[number] = sync
        note(sync.subject, "R-ORD-15", "creating one SO for the order (key \(key))")
    }

    /// Every R-ORD-01 condition that fails, each naming the rep or product.
    func orderBlockers(_ o: LeafLinkOrder) -> [String] {
        var out: [String] = []
        if o.salesReps.isEmpty { out.append("the order has no sales rep") }
        for rep in o.salesReps.sorted(by: { $0.id < $1.id }) where state.userOfRep[rep.id] == nil {
            let name = state.staff[rep.id]?.displayName ?? rep.name
            out.append("rep \(rep.id)\(name.map { " (\($0))" } ?? "") is not mapped to a Distru user")
        }
        guard let lines = o.lines else {
            out.append("the order's line items were not fetched (fetch it with include_children=line_items)")
            return out
        }
        var needed: [String: Decimal] = [:]
        for line in lines where !line.effectivePrice.isNegative {
            guard let pid = line.productID else {
                out.append("line \(line.id) names no LeafLink product")
                continue
            }
            guard let distruID = state.linkOfLeafLinkProduct[pid] else {
                let name = state.leafLinkProducts[pid]?.name ?? line.productSKU
                out.append("LeafLink product \(pid)\(name.map { " (\($0))" } ?? "") is not linked to a Distru product")
                continue
            }
            needed[distruID, default: 0] += line.quantity
        }
        for (distruID, quantity) in needed.sorted(by: { $0.key < $1.key }) {
            let available = availableQuantity(distruID)
            if available < quantity {
                let name = state.distruProducts[distruID]?.name ?? distruID
                out.append(
                    "Distru product \(name) has \(DecimalText.plain(available)) available, the order needs \(DecimalText.plain(quantity))")
            }
        }
        return out
    }

    private func blockerFix(_ blockers: [String]) -> String {
        var fixes: [String] = []
        if blockers.contains(where: { $0.contains("no sales rep") }) { fixes.append("attach a sales rep to the order in LeafLink") }
        if blockers.contains(where: { $0.contains("not mapped") }) {
            fixes.append("map the rep to a Distru user (Settings → Integrations → LeafLink → Users)")
        }
        if blockers.contains(where: { $0.contains("not linked") }) { fixes.append("link the LeafLink product to a Distru product") }
        if blockers.contains(where: { $0.contains("available") }) { fixes.append("receive or move stock into the inventory locations") }
        if blockers.contains(where: { $0.contains("not fetched") || $0.contains("names no") }) {
            fixes.append("re-fetch the order from LeafLink")
        }
        return fixes.joined(separator: "; ") + ". The SO is created automatically at the next cycle."
    }

    /// Builds the SO for an eligible order (may associate its customer, R-CUS-01).
    mutating func buildDraft(_ o: LeafLinkOrder) -> SalesOrderDraft {
        let subject = "ll-order:\(o.number)"
        let companyID = resolveCompany(leafLinkCustomerID: o.customerID, orderSubject: subject)
        let company = companyID.flatMap { state.companies[$0] }
        var billing: String?
        if let company, company.locations.count == 1 {
            billing = company.locations[0].id
            note(subject, "R-CUS-02", "billing and shipping set to the company's only location \(billing!)")
        } else if let company {
            note(
                subject, "R-CUS-02",
                "company \(company.name) has \(company.locations.count) locations: billing and shipping left for the user to choose")
        }
        // R-ORD-03
        var location: String?
        if state.settings.useCustomerDefaultInventorySource, let source = company?.defaultInventorySourceID {
            location = source
            note(subject, "R-ORD-03", "location: the customer's default inventory source \(source)")
        } else if let fallback = state.settings.defaultSalesOrderLocationID {
            location = fallback
            note(subject, "R-ORD-03", "location: the default SO location \(fallback)")
        } else {
            note(subject, "R-ORD-03", "no default location: the SO has none")
        }
        // R-ORD-04
        let rep = Reduction.chooseRep(orderNumber: o.number, repIDs: o.salesReps.map(\.id))
        let owner = rep.flatMap { state.userOfRep[$0] }
        if let rep, let owner { note(subject, "R-ORD-04", "owner: Distru user \(owner), mapped to rep \(rep)") }
        // R-ORD-05
        let tax = taxID(for: o)
        let content = orderContent(o)  // its charges include the tax's
        return SalesOrderDraft(
            leafLinkOrderNumber: o.number, leafLinkShortID: o.shortID, companyID: companyID,
            billingLocationID: billing, shippingLocationID: billing, locationID: location, ownerID: owner,
            status: initialStatus(o.status), orderDate: o.createdOn,
            internalNotes: o.internalNotes, externalNotes: o.notes,
            items: content.items, charges: content.charges, taxID: tax
        )
    }

    /// R-ORD-04: the rep minimising FNV-1a of "<order number>:<rep id>", so replay picks the same one.
    public static func chooseRep(orderNumber: String, repIDs: [Int]) -> Int? {
        repIDs.min { a, b in
            let ha = StableHash.fnv1a64("\(orderNumber):\(a)"), hb = StableHash.fnv1a64("\(orderNumber):\(b)")
            return ha == hb ? a < b : ha < hb
        }
    }

    /// The SO status at creation: the mapped status, capped at PROCESSING (fulfilment happens in Distru).
    func initialStatus(_ s: LeafLinkOrderStatus) -> DistruOrderStatus {
        let mapped = state.settings.statusMapping[s] ?? Reduction.defaultStatus(for: s)
        return (mapped.progress ?? 0) >= 1 ? .processing : .pending
    }

    mutating func taxID(for o: LeafLinkOrder) -> String? {
        let subject = "ll-order:\(o.number)"
        guard let percent = o.taxPercent else { return nil }
        if let tax = matchingTax(for: o) {
            note(subject, "R-ORD-05", "tax \(DecimalText.plain(percent))% → Distru tax \(tax.name)")
            return tax.id
        }
        note(subject, "R-ORD-05", "no Distru tax of \(DecimalText.plain(percent))%: the SO has no tax")
        return nil
    }

    /// R-ORD-05: the Distru tax whose percentage is the LL order's, if one is.
    func matchingTax(for o: LeafLinkOrder) -> DistruTax? {
        guard let percent = o.taxPercent else { return nil }
        return state.taxes.values.sorted(by: { $0.id < $1.id }).first { $0.percent == percent }
    }

    /// Lines and charges of the SO for an LL order (R-ORD-05/06/08/09/10/14). The tax is a charge
    /// like the others, so an update sends it again with them (a charges write replaces them all).
    func orderContent(_ o: LeafLinkOrder) -> (items: [SalesOrderLine], charges: [SalesOrderCharge]) {
        var items: [SalesOrderLine] = []
        var charges: [SalesOrderCharge] = []
        for line in o.lines ?? [] {
            if line.effectivePrice.isNegative {
                // R-ORD-09: a negative-price line is a discount, not a line.
                let total = Money((line.effectivePrice.amount * line.quantity / line.unitMultiplier).roundedHalfEven(scale: 2))
                charges.append(
                    SalesOrderCharge(
                        name: "LeafLink line \(line.id)\(line.productSKU.map { " (\($0))" } ?? "")",
                        kind: .discount, unit: .price, value: total.magnitude.amount, editable: true))
                continue
            }
            guard let pid = line.productID, let distruID = state.linkOfLeafLinkProduct[pid] else { continue }
            // R-ORD-10: one SO line per LL line, duplicates kept; R-ORD-14: units and the per-unit price.
            items.append(
                SalesOrderLine(
                    leafLinkLineID: line.id, productID: distruID, quantity: line.quantity,
                    unitPrice: line.pricePerUnit, isSample: line.isSample, note: line.notes))
        }
        // R-ORD-08
        if o.discount > 0 {
            charges.append(
                SalesOrderCharge(
                    name: "LeafLink discount", kind: .discount, unit: o.discountType == "$" ? .price : .percent,
                    value: o.discount, editable: true))
        }
        if o.shippingCharge.amount > 0 {
            charges.append(SalesOrderCharge(name: "Shipping", kind: .charge, unit: .price, value: o.shippingCharge.amount, editable: true))
        }
        // R-ORD-06
        let credit = creditTotal(o)
        if credit.amount > 0 {
            charges.append(SalesOrderCharge(name: "LeafLink credit", kind: .discount, unit: .price, value: credit.amount, editable: false))
        }
        // R-ORD-05
        if let tax = matchingTax(for: o), let percent = o.taxPercent {
            charges.append(SalesOrderCharge(name: "Tax", kind: .charge, unit: .percent, value: percent, editable: true, taxID: tax.id))
        }
        return (items, charges)
    }

    /// R-ORD-06: credits applied to the order: the credit records when known, else the order's `credits` total.
    func creditTotal(_ o: LeafLinkOrder) -> Money {
        let records = state.credits.values.filter { $0.orderNumber == o.number }
        guard !records.isEmpty else { return o.credits }
        return records.filter { $0.status != .cancelled }.reduce(Money.zero) { $0 + $1.amount }
    }

    mutating func observeCredit(_ c: LeafLinkCredit) {
        state.credits[c.id] = c
        guard let number = c.orderNumber, let sync = state.orders[number] else { return }
        if sync.phase == .synced { applyLeafLinkChanges(number: number, previous: sync.order) }
    }

    /// The create command succeeded: the SO is live (R-ORD-15); LL gets the SO number (R-ORD-13).
    mutating func salesOrderCreated(number: String, response: JSONValue) {
        guard var sync = state.orders[number] else { return }
        let body = response.unwrappingData
        guard let id = body["id"]?.idString else {
            raise(
                subject: sync.subject, rule: "R-ERR-03", message: "R-ERR-03: Distru answered the SO creation without an id",
                fix: "Look for the SO in Distru by LeafLink order number \(sync.order.shortID ?? number) and report the response.")
            return
        }
        sync.phase = .synced
        sync.salesOrderID = id
        sync.salesOrderNumber = body["order_number"]?.string
        state.orders[number] = sync
        state.orderOfSalesOrder[id] = number
        note(sync.subject, "R-ORD-13", "SO \(sync.salesOrderNumber ?? id) created for LeafLink order \(sync.order.shortID ?? number)")
        if let soNumber = sync.salesOrderNumber {
            emit(
                key: "ll-external-ids:\(number):\(soNumber)", subject: sync.subject, rule: "R-ORD-13",
                .setLeafLinkExternalIDs(orderNumber: number, externalIDs: ["distru_sales_order": soNumber]))
        }
        // Changes that arrived while the create was in flight.
        applyLeafLinkChanges(number: number, previous: nil)
    }
}
