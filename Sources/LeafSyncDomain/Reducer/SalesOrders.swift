import Foundation

/// Distru SOs observed: statuses pushed to LL (R-UPD-08), ship date (R-UPD-07), customer
/// re-association (R-CUS-03/04), inventory source kept (R-UPD-05), deletion (R-UPD-04).
extension Reduction {
    mutating func observeSalesOrder(_ so: DistruOrder) {
        guard let number = state.orderOfSalesOrder[so.id] ?? adoptSalesOrder(so), var sync = state.orders[number] else { return }
        let previous = state.salesOrders[so.id]
        state.salesOrders[so.id] = so
        if sync.salesOrderNumber == nil { sync.salesOrderNumber = so.orderNumber }

        // R-CUS-03 / R-CUS-04: the customer chosen in Distru becomes the LL customer's company for later orders.
        let previousCompany = previous?.companyID ?? sync.sent?.companyID
        if let company = so.companyID, company != previousCompany, let customer = sync.order.customerID {
            let rule = previousCompany == nil ? "R-CUS-03" : "R-CUS-04"
            state.orders[number] = sync
            associate(
                customer: customer, company: company, rule: rule,
                why: previousCompany == nil
                    ? "customer set on SO \(so.orderNumber ?? so.id) in Distru"
                    : "customer of SO \(so.orderNumber ?? so.id) changed in Distru; earlier SOs keep theirs")
            sync = state.orders[number]!
            sync.sent?.companyID = company
        }
        // R-UPD-05: a changed inventory source is kept (updates never send the location).
        if let location = so.locationID, location != sync.sent?.locationID {
            sync.sent?.locationID = location
            note(sync.subject, "R-UPD-05", "inventory source changed in Distru to \(location); kept")
        }
        // R-UPD-07: delivery date → LL ship date; no delivery date, no ship date.
        if let delivery = so.deliveryDatetime, delivery != sync.shipDatePushed {
            emit(
                key: "ll-ship-date:\(number)\(sync.keySuffix):\(delivery)", subject: sync.subject, rule: "R-UPD-07",
                .setLeafLinkShipDate(orderNumber: number, shipDate: delivery))
            sync.shipDatePushed = delivery
            note(sync.subject, "R-UPD-07", "ship date \(delivery) pushed to LeafLink")
        }
        let statusChanged = so.status != previous?.status
        sync.salesOrderStatus = so.status
        state.orders[number] = sync
        if so.status == .canceled { resolve(subject: sync.subject, rule: "R-UPD-03") }
        if statusChanged { pushStatusToLeafLink(number: number, status: so.status) }
    }

    /// R-ORD-15: an SO that names an LL order without an SO of ours (by number, or by short id) is
    /// that order's SO: adopted, never created a second time. It covers the SO whose creation is
    /// out (its outcome not yet seen), whose creation was abandoned but landed in Distru after all
    /// (the abandoned command is withdrawn and its error resolved), and an SO made before LeafSync
    /// (first connection). An SO naming an LL order not yet fetched waits for it
    /// (``SyncState/salesOrdersAwaitingOrder``). An order whose SO was deleted (R-UPD-04) adopts none.
    private mutating func adoptSalesOrder(_ so: DistruOrder) -> String? {
        guard let name = so.leafLinkOrderNumber else { return nil }
        let candidates = [name] + state.orders.numbers(withShortID: name).sorted()
        guard let number = candidates.first(where: { state.orders[$0]?.isAdoptable ?? false }), var sync = state.orders[number] else {
            if state.orders[name] == nil, state.orders.numbers(withShortID: name).isEmpty,
                state.salesOrdersAwaitingOrder[name].map({ $0.id == so.id }) ?? true
            {
                state.salesOrdersAwaitingOrder[name] = so
                note("distru-order:\(so.id)", "R-ORD-15", "SO names LeafLink order \(name), not fetched yet: adopted when it is")
            }
            return nil
        }
        let before = sync.phase
        sync.phase = .synced
        sync.salesOrderID = so.id
        sync.blockers = []
        if sync.sent == nil {
            // Taken to hold the LL order as it stands: later LL edits are applied to it like to any SO of
            // ours. Its customer is left to the observation below, which learns it (R-CUS-03).
            let content = orderContent(sync.order)
            sync.sent = SalesOrderDraft(
                leafLinkOrderNumber: number, leafLinkShortID: sync.order.shortID, companyID: nil, billingLocationID: nil,
                shippingLocationID: nil, locationID: so.locationID, ownerID: so.ownerID, status: so.status, orderDate: sync.order.createdOn,
                internalNotes: sync.order.internalNotes, externalNotes: sync.order.notes, items: content.items, charges: content.charges,
                taxID: nil)
        }
        state.orders[number] = sync
        state.orderOfSalesOrder[so.id] = number
        state.salesOrdersAwaitingOrder[name] = nil
        if before == .blocked { resolve(subject: sync.subject, rule: "R-ORD-01") }
        for key in sync.createKeys where state.commands.abandoned.contains(key) {
            state.commands.finish(key, as: .cancelled)
            resolve(subject: sync.subject, rule: "R-ERR-03", detail: key)
            note(sync.subject, "R-ORD-15", "\(key) failed, but its SO landed in Distru: withdrawn")
        }
        note(sync.subject, "R-ORD-15", "SO \(so.orderNumber ?? so.id) found in Distru for the order; adopted")
        return number
    }

    /// An SO seen before its LL order (``adoptSalesOrder(_:)``), now that the order is here.
    mutating func adoptAwaitingSalesOrder(of o: LeafLinkOrder) {
        guard !state.salesOrdersAwaitingOrder.isEmpty, state.orders[o.number]?.isAdoptable ?? false else { return }
        for name in [o.number] + (o.shortID.map { [$0] } ?? []) {
            if let so = state.salesOrdersAwaitingOrder[name] {
                observeSalesOrder(so)
                return
            }
        }
    }

    /// Distru → LL transitions for the SO status reached, in order, skipping none (status-mapping.md).
    mutating func pushStatusToLeafLink(number: String, status: DistruOrderStatus) {
        guard let sync = state.orders[number] else { return }
        let ll = sync.order
        let short = ll.shortID ?? number
        if status == .canceled {
            let rejectable: Set<LeafLinkOrderStatus> = [.submitted, .accepted, .backorder, .fulfilled, .shipped]
            let allowed = ll.availableTransitions.isEmpty || ll.availableTransitions.contains("rejected")
            switch ll.status {
            case .rejected, .cancelled, .combined: return
            case let s where rejectable.contains(s) && allowed:
                emitTransition(sync, .reject)
            default:
                raise(
                    subject: sync.subject, rule: "R-UPD-08",
                    message:
                        "R-UPD-08: SO canceled in Distru, but LeafLink does not allow rejecting order \(short) in status \(ll.status.rawValue)",
                    fix: "Reject or cancel the order in LeafLink by hand.")
            }
            return
        }
        guard let target = status.progress else {
            if case .unknown(let raw) = status {
                raise(
                    subject: sync.subject, rule: "R-UPD-08",
                    message: "R-UPD-08: SO has an unknown Distru status \"\(raw)\"; not pushed to LeafLink",
                    fix: "Check the SO status in Distru.")
            }
            return
        }
        let chain = LeafLinkTransition.forward(toDistruProgress: target)
        let llProgress = ll.status.progress
        let done: [LeafLinkTransition: Int] = [.accept: 2, .fulfill: 3, .ship: 4, .complete: 5]
        let needed = chain.filter { (llProgress ?? -1) < done[$0]! && !state.commands.knows(transitionKey(sync, $0)) }
        guard let first = needed.first else { return }
        if llProgress == nil {
            raise(
                subject: sync.subject, rule: "R-UPD-08",
                message:
                    "R-UPD-08: SO reached \(status.rawValue) but LeafLink order \(short) is \(ll.status.rawValue); no transition is possible",
                fix: "Resolve the order's status in LeafLink by hand.")
            return
        }
        let anyEmitted = chain.contains { state.commands.knows(transitionKey(sync, $0)) }
        if !anyEmitted, !ll.availableTransitions.isEmpty, !ll.availableTransitions.contains(first.targetState) {
            raise(
                subject: sync.subject, rule: "R-UPD-08",
                message:
                    "R-UPD-08: LeafLink does not allow \(first.rawValue) on order \(short) now (allowed: \(ll.availableTransitions.joined(separator: ", ")))",
                fix: "Move the order in LeafLink by hand, or check its payment terms.")
            return
        }
        for t in needed { emitTransition(sync, t) }
    }

    func transitionKey(_ sync: OrderSync, _ t: LeafLinkTransition) -> String {
        "ll-transition:\(sync.number)\(sync.keySuffix):\(t.rawValue)"
    }

    mutating func emitTransition(_ sync: OrderSync, _ t: LeafLinkTransition) {
        if emit(
            key: transitionKey(sync, t), subject: sync.subject, rule: "R-UPD-08",
            .transitionLeafLinkOrder(orderNumber: sync.number, transition: t))
        {
            note(sync.subject, "R-UPD-08", "LeafLink transition \(t.rawValue) sent")
        }
    }

    /// R-UPD-04: the SO is gone; the LL order stays as it is and an LL edit resyncs it as a new SO.
    mutating func salesOrderDeletedInDistru(_ soID: String) {
        unsync(soID, reject: false)
    }

    mutating func operatorDeletedSalesOrder(_ soID: String, reject: Bool) {
        if state.orderOfSalesOrder[soID] != nil {
            emit(key: "distru-so-delete:\(soID)", subject: "distru-order:\(soID)", rule: "R-UPD-04", .deleteSalesOrder(salesOrderID: soID))
        }
        unsync(soID, reject: reject)
    }

    private mutating func unsync(_ soID: String, reject: Bool) {
        if let name = state.salesOrdersAwaitingOrder.first(where: { $0.value.id == soID })?.key {
            state.salesOrdersAwaitingOrder[name] = nil
        }
        guard let number = state.orderOfSalesOrder.removeValue(forKey: soID), var sync = state.orders[number] else { return }
        state.salesOrders[soID] = nil
        sync.phase = .unsynced
        sync.salesOrderID = nil
        sync.deletedAtModified = .some(sync.order.modified)
        state.orders[number] = sync
        if reject {
            emitTransition(sync, .reject)
            note(sync.subject, "R-UPD-04", "SO \(soID) deleted; the LeafLink order is rejected")
        } else {
            note(
                sync.subject, "R-UPD-04",
                "SO \(soID) deleted; the LeafLink order stays \(sync.order.status.rawValue) and an edit in LeafLink syncs it as a new SO")
        }
    }
}

extension LeafLinkTransition {
    /// R-UPD-08: the forward transitions an SO at Distru progress `progress`
    /// (``DistruOrderStatus/progress``) asks of its LeafLink order, in order: accept from
    /// PROCESSING, fulfill from READY_TO_SHIP, ship from DELIVERING, complete at COMPLETED.
    static func forward(toDistruProgress progress: Int) -> [LeafLinkTransition] {
        let steps: [(from: Int, transition: LeafLinkTransition)] = [(1, .accept), (2, .fulfill), (3, .ship), (5, .complete)]
        return steps.filter { progress >= $0.from }.map(\.transition)
    }
}

extension OrderSync {
    /// Without an SO of ours, and not deleted (R-UPD-04): an SO naming the order is adopted (R-ORD-15).
    fileprivate var isAdoptable: Bool { salesOrderID == nil && [.notSynced, .blocked, .creating].contains(phase) }
}
