import Foundation
import LeafSyncLog

/// Scheduler ticks: retries, polls (R-SET-03) and push cycles (R-INV-02, R-PRD-07, R-PRC).
extension Reduction {
    mutating func tick() {
        retryDueCommands()
        let s = state.settings
        // Distru has no inventory webhooks and its others are optional (apis.md): it is polled
        // on the order cadence, every resource incrementally.
        // Metrc sends no webhooks (apis.md): its transfers are polled on the order cadence, while
        // the ticking process has it configured (R-MTC-02).
        var polls = [("leaflink", "orders", s.orderPollSeconds), ("leaflink", "products", s.productPollSeconds), ("distru", "all", s.orderPollSeconds)]
        if s.metrcConfigured { polls.append(("metrc", "transfers", s.orderPollSeconds)) }
        for (system, kind, seconds) in polls {
            let name = "\(system)-\(kind)"
            if let last = state.lastPoll[name], now.microseconds - last.microseconds < seconds * 1_000_000 { continue }
            state.lastPoll[name] = now
            emit(key: "poll:\(name)@\(now.microseconds)", subject: "scheduler", rule: "R-SET-03", .poll(system: system, kind: kind))
        }
        if state.lastPushCycle == nil || now.microseconds - state.lastPushCycle!.microseconds >= s.inventoryPushSeconds * 1_000_000 {
            state.lastPushCycle = now
            for id in state.links.keys.sorted() {
                pushProductFields(id)
                syncPrices(id)
                pushInventory(id)
            }
        }
    }

    /// R-SET-02: a settings change takes effect from this event on.
    mutating func changeSettings(_ c: SettingsChange) {
        var s = state.settings
        if let v = c.priceLockStatus { s.priceLockStatus = v.isEmpty ? nil : LeafLinkOrderStatus(v) }
        if let v = c.inventoryLocationIDs { s.inventoryLocationIDs = v.sorted() }
        if let v = c.useCustomerDefaultInventorySource { s.useCustomerDefaultInventorySource = v }
        if let v = c.defaultSalesOrderLocationID { s.defaultSalesOrderLocationID = v.isEmpty ? nil : v }
        let pricesTurnedOn = c.syncPrices == true && !s.syncPrices
        if let v = c.syncPrices { s.syncPrices = v }
        if let v = c.syncPayments {
            if v && !s.syncPayments { s.syncPaymentsSince = now }
            if !v { s.syncPaymentsSince = nil }
            s.syncPayments = v
        }
        if let v = c.errorRecipients { s.errorRecipients = v.sorted() }
        if let v = c.orderPollSeconds, v > 0 { s.orderPollSeconds = Int64(v) }
        if let v = c.productPollSeconds, v > 0 { s.productPollSeconds = Int64(v) }
        if let v = c.inventoryPushSeconds, v > 0 { s.inventoryPushSeconds = Int64(v) }
        if let v = c.webhookKeyConfigured { s.webhookKeyConfigured = v }
        if let v = c.metrcConfigured { s.metrcConfigured = v }
        if let v = c.leafLinkBaseURL { s.leafLinkBaseURL = v }
        for (ll, so) in (c.statusMapping ?? [:]).sorted(by: { $0.key < $1.key }) {
            s.statusMapping[LeafLinkOrderStatus(ll)] = so.isEmpty ? nil : DistruOrderStatus(so)
        }
        state.settings = s
        if pricesTurnedOn { resetPriceBaselines() }
        note("settings", "R-SET-02", "settings changed")
        reevaluateBlockedOrders()
    }
}
