import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    // MARK: - Customers

    /// A seller's CRM edit (no API write exists for customers in v2 as LeafSync uses it).
    func patchCustomer(_ id: String, _ body: JSONObject) throws(SimError) -> JSONObject {
        var c = try require("customers", id)
        for (k, v) in body where Templates.customer[k] != nil && !["id", "created_on", "modified", "owner"].contains(k) {
            c[k] = v
        }
        c["modified"] = .string(now())
        put("customers", id, c)
        return c
    }
}

extension LeafLinkStore {
    /// A seller's credit to a customer, applied to one of its orders when `appliedTo` names one
    /// (the order's `credits` and balance follow, and its webhook fires, as in LeafLink).
    func addCredit(customer: Int, amount: Decimal, appliedTo: String?, notes: String?) throws(SimError) -> JSONObject {
        let c = try require("customers", String(customer))
        if let appliedTo { _ = try require(Self.orders, appliedTo) }
        var credit = Templates.credit
        let id = newID()
        credit["id"] = .int(id)
        credit["customer"] = ["id": .int(customer), "display_name": c["display_name"] ?? c["name"] ?? ""]
        credit["amount"] = ["amount": Dec.number(amount), "currency": "USD"]
        credit["credit_date"] = .string(String(now().prefix(10)))
        credit["notes"] = .string(notes ?? "")
        if let appliedTo {
            credit["applied_to"] = .string(appliedTo)
            credit["status"] = "used"
            credit["status_display"] = "Used"
        }
        put("credits", String(id), credit)
        if let appliedTo {
            recompute(appliedTo)
            queueOrderWebhook(appliedTo, action: "edit")
        }
        return credit
    }
}
