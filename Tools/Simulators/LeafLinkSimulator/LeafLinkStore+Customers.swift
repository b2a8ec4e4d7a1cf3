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
