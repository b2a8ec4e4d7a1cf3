import Foundation
import LeafSyncLog

/// Webhooks are hints: they ask for an immediate fetch of the record they name (R-SET-03).
extension Reduction {
    mutating func leafLinkWebhook(_ w: LeafLinkWebhook) {
        guard state.settings.webhookKeyConfigured else {
            note(
                "ll-\(w.type):\(w.recordID)", "R-SET-03",
                "webhook recorded; no fetch decided here (webhook_key_configured is off): the service that verified it refetches the record itself, else the next poll fetches it")
            return
        }
        emit(
            key: "fetch:leaflink:\(w.type):\(w.recordID)@\(now.microseconds)", subject: "ll-\(w.type):\(w.recordID)", rule: "R-SET-03",
            .fetchRecord(system: "leaflink", kind: w.type, id: w.recordID))
    }

    mutating func distruWebhook(kind: String, id: String) {
        emit(
            key: "fetch:distru:\(kind):\(id)@\(now.microseconds)", subject: "distru-\(kind):\(id)", rule: "R-SET-03",
            .fetchRecord(system: "distru", kind: kind, id: id))
    }
}
