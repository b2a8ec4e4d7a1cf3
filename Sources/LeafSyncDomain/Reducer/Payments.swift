import Foundation
import LeafSyncLog

/// Distru invoice payments → LL order payments (R-PAY), when the setting is on.
extension Reduction {
    mutating func observeInvoice(_ inv: DistruInvoice) {
        state.invoices[inv.id] = inv
        guard let number = orderNumber(ofInvoice: inv) else { return }
        let subject = "ll-order:\(number)"
        for p in inv.payments.sorted(by: { $0.id < $1.id }) where state.syncedPayments[p.id] == nil {
            guard state.settings.syncPayments, let since = state.settings.syncPaymentsSince else { continue }
            let recorded = p.datetime.flatMap(ISO8601.parse) ?? now
            guard recorded >= since else {
                note(subject, "R-PAY-03", "payment \(p.id) was recorded before payment sync was turned on: not synced")
                continue
            }
            let date = p.datetime.map { String($0.prefix(10)) } ?? ISO8601.date(now)
            emit(
                key: "ll-payment:\(p.id)", subject: subject, rule: "R-PAY-01",
                .postLeafLinkPayment(
                    LeafLinkPaymentDraft(
                        orderNumber: number, amount: p.amount, paymentDate: date,
                        recordedBy: recordedBy(number), distruPaymentID: p.id)))
            state.syncedPayments[p.id] = SyncedPayment(
                invoiceID: inv.id, orderNumber: number, amount: p.amount, date: date, reversed: false)
            note(subject, "R-PAY-01", "Distru payment \(p.id) of \(p.amount) posted to LeafLink")
        }
        let present = Set(inv.payments.map(\.id))
        for (id, payment) in state.syncedPayments.sorted(by: { $0.key < $1.key })
        where payment.invoiceID == inv.id && !payment.reversed && !present.contains(id) {
            reversePayment(id)
        }
    }

    private func orderNumber(ofInvoice inv: DistruInvoice) -> String? {
        if let so = inv.orderID, let number = state.orderOfSalesOrder[so] { return number }
        if let soNumber = inv.orderNumber {
            return state.orders.values.sorted { $0.number < $1.number }.first { $0.salesOrderNumber == soNumber && $0.phase == .synced }?
                .number
        }
        return nil
    }

    private func recordedBy(_ number: String) -> Int? {
        guard let sync = state.orders[number] else { return nil }
        if let owner = sync.sent?.ownerID, let rep = state.repOfUser[owner] { return rep }
        return sync.order.salesReps.map(\.id).min()
    }

    /// R-PAY-02: a deleted Distru payment posts a negative LL payment of the same amount, after
    /// its original payment succeeded: the reversal depends on it, and is never posted alone. While
    /// the original has failed (abandoned) there is nothing to reverse, and none is emitted; if the
    /// operator retries the original and it succeeds, ``paymentPosted(_:)`` emits the reversal then.
    mutating func reversePayment(_ id: String) {
        guard var payment = state.syncedPayments[id], !payment.reversed else { return }
        let original = "ll-payment:\(id)"
        let book = state.commands
        guard book.pending[original] != nil || book.done.contains(original) else {
            note(
                "ll-order:\(payment.orderNumber)", "R-PAY-02",
                "Distru payment \(id) deleted; it never reached LeafLink (\(original) did not succeed): nothing to reverse unless it is retried and succeeds")
            return
        }
        payment.reversed = true
        state.syncedPayments[id] = payment
        emit(
            key: "ll-payment-reversal:\(id)", subject: "ll-order:\(payment.orderNumber)", rule: "R-PAY-02",
            .postLeafLinkPayment(
                LeafLinkPaymentDraft(
                    orderNumber: payment.orderNumber, amount: -payment.amount,
                    paymentDate: ISO8601.date(now), recordedBy: recordedBy(payment.orderNumber), distruPaymentID: id)),
            dependsOn: original)
        note("ll-order:\(payment.orderNumber)", "R-PAY-02", "Distru payment \(id) deleted: \(-payment.amount) posted to LeafLink")
    }

    /// An original payment reached LeafLink late (the operator retried it after it failed): if its
    /// Distru payment was deleted meanwhile, the reversal that was held back is posted now (R-PAY-02).
    mutating func paymentPosted(_ draft: LeafLinkPaymentDraft) {
        guard let payment = state.syncedPayments[draft.distruPaymentID], !payment.reversed else { return }
        let stillThere = state.invoices[payment.invoiceID]?.payments.contains { $0.id == draft.distruPaymentID } ?? false
        if !stillThere { reversePayment(draft.distruPaymentID) }
    }

    mutating func invoiceDeleted(_ id: String) {
        state.invoices[id] = nil
        for (pid, payment) in state.syncedPayments.sorted(by: { $0.key < $1.key }) where payment.invoiceID == id { reversePayment(pid) }
    }
}
