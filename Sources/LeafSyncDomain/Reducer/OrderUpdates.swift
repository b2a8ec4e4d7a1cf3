import Foundation
import LeafSyncJSON

/// LeafLink changes to an order that already has an SO (R-UPD-01/02/03/06/08, R-ORD-06/12).
extension Reduction {
    mutating func applyLeafLinkChanges(number: String, previous: LeafLinkOrder?) {
        guard let sync = state.orders[number], sync.phase == .synced else { return }
        applyLeafLinkStatus(number: number)
        guard let after = state.orders[number], after.phase == .synced, after.salesOrderStatus != .canceled else { return }
        switch after.order.status {
        case .rejected, .cancelled, .combined: return
        default: applyLeafLinkContent(number: number)
        }
    }

    /// Status mapping LL → Distru (status-mapping.md): never backwards; rejection refused from READY_TO_SHIP on.
    mutating func applyLeafLinkStatus(number: String) {
        guard var sync = state.orders[number], let soID = sync.salesOrderID else { return }
        let current = sync.salesOrderStatus ?? .pending
        let ll = sync.order.status
        let suffix = sync.keySuffix
        switch ll {
        case .rejected, .cancelled, .combined:
            if current == .canceled { return }
            let rule = ll == .combined ? "R-UPD-06" : "R-UPD-03"
            if ll == .combined {
                if current == .completed { return }
            } else if let p = current.progress, p >= 2 {
                raise(
                    subject: sync.subject, rule: "R-UPD-03",
                    message:
                        "R-UPD-03: LeafLink order \(sync.order.shortID ?? number) was \(ll.rawValue) but its SO is Ready to Ship or beyond; the rejection is not applied",
                    fix: "Cancel the sales order in Distru instead of rejecting it in LeafLink.")
                return
            }
            emit(
                key: "distru-so-status:\(number)\(suffix):CANCELED", subject: sync.subject, rule: rule,
                .setSalesOrderStatus(salesOrderID: soID, status: .canceled))
            sync.salesOrderStatus = .canceled
            state.orders[number] = sync
            note(
                sync.subject, rule,
                ll == .combined
                    ? "order combined in LeafLink: its SO is canceled; the combined order syncs as a new SO"
                    : "order \(ll.rawValue) in LeafLink: SO canceled")
        case .submitted, .accepted, .backorder, .fulfilled, .shipped, .complete:
            let target = state.settings.statusMapping[ll] ?? Reduction.defaultStatus(for: ll)
            guard let tp = target.progress, let cp = current.progress, tp > cp else { return }
            emit(
                key: "distru-so-status:\(number)\(suffix):\(target.rawValue)", subject: sync.subject, rule: "R-UPD-08",
                .setSalesOrderStatus(salesOrderID: soID, status: target))
            sync.salesOrderStatus = target
            state.orders[number] = sync
            note(sync.subject, "R-UPD-08", "LeafLink \(ll.rawValue) → SO \(target.rawValue)")
        case .draft: return
        case .unknown(let raw):
            raise(
                subject: sync.subject, rule: "R-UPD-08",
                message: "R-UPD-08: LeafLink order \(sync.order.shortID ?? number) has an unknown status \"\(raw)\"; not applied to the SO",
                fix: "Update the status mapping for \"\(raw)\" or move the SO by hand in Distru.")
        }
    }

    /// The default LL → Distru mapping of status-mapping.md for the forward statuses.
    static func defaultStatus(for ll: LeafLinkOrderStatus) -> DistruOrderStatus {
        switch ll {
        case .submitted: .pending
        case .accepted, .backorder: .processing
        case .fulfilled: .readyToShip
        case .shipped: .delivering
        default: .completed
        }
    }

    /// Lines, charges and notes of a synced order, within the limits of R-UPD-01/02 and R-ORD-12.
    mutating func applyLeafLinkContent(number: String) {
        guard var sync = state.orders[number], let soID = sync.salesOrderID, let sent = sync.sent else { return }
        let o = sync.order
        let desired = orderContent(o)
        let status = sync.salesOrderStatus ?? .pending
        let allFulfilled = (status.progress ?? 0) >= 2
        let observedItems = state.salesOrders[soID]?.items ?? []
        let fulfilled = Set(observedItems.filter(\.isFulfilled).compactMap(\.leafLinkLineID))
        let sentByLine = Dictionary(sent.items.map { ($0.leafLinkLineID, $0) }, uniquingKeysWith: { a, _ in a })
        let desiredLines = Set(desired.items.map(\.leafLinkLineID))
        var items: [SalesOrderLine] = []
        var refusedFulfilled: [Int] = []
        var refusedNew: [Int] = []
        for var line in desired.items {
            if let old = sentByLine[line.leafLinkLineID] {
                if sync.priceLocked { line.unitPrice = old.unitPrice }  // R-ORD-12
                if line != old && (allFulfilled || fulfilled.contains(line.leafLinkLineID)) {
                    refusedFulfilled.append(line.leafLinkLineID)
                    items.append(old)
                } else {
                    items.append(line)
                }
            } else if (status.progress ?? 0) > 1 {
                refusedNew.append(line.leafLinkLineID)
            } else {
                items.append(line)
            }
        }
        for old in sent.items where !desiredLines.contains(old.leafLinkLineID) {
            if allFulfilled || fulfilled.contains(old.leafLinkLineID) {
                refusedFulfilled.append(old.leafLinkLineID)
                items.append(old)
            }
        }
        let short = o.shortID ?? number
        if refusedFulfilled.isEmpty {
            resolve(subject: sync.subject, rule: "R-UPD-01")
        } else {
            raise(
                subject: sync.subject, rule: "R-UPD-01",
                message:
                    "R-UPD-01: changes in LeafLink to line(s) \(refusedFulfilled.sorted().map(String.init).joined(separator: ", ")) of order \(short) were not applied: the lines are already fulfilled in Distru",
                fix: "Change or delete these lines in Distru, not in LeafLink.")
        }
        if refusedNew.isEmpty {
            resolve(subject: sync.subject, rule: "R-UPD-02")
        } else {
            raise(
                subject: sync.subject, rule: "R-UPD-02",
                message:
                    "R-UPD-02: new line(s) \(refusedNew.sorted().map(String.init).joined(separator: ", ")) added in LeafLink to order \(short) were not applied: the SO is past Processing",
                fix: "Add the items in Distru, or create a new LeafLink order for them.")
        }
        var changes = SalesOrderChanges()
        if items != sent.items { changes.items = items }
        if desired.charges != sent.charges { changes.charges = desired.charges }
        if o.internalNotes != sent.internalNotes { changes.internalNotes = .some(o.internalNotes) }
        if o.notes != sent.externalNotes { changes.externalNotes = .some(o.notes) }
        guard !changes.isEmpty else { return }
        let key = "distru-so-update:\(number)\(sync.keySuffix)@\(o.modified ?? "-"):\(StableHash.hex(changes.canonicalText))"
        emit(key: key, subject: sync.subject, rule: "R-UPD-01", .updateSalesOrder(salesOrderID: soID, changes: changes))
        var newSent = sent
        newSent.items = items
        newSent.charges = desired.charges
        newSent.internalNotes = o.internalNotes
        newSent.externalNotes = o.notes
        sync.sent = newSent
        state.orders[number] = sync
        note(sync.subject, "R-UPD-01", "LeafLink edit applied to SO \(soID)")
    }
}
