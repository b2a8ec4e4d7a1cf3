import Foundation
import LeafSyncJSON

/// Which record a `POST /{orders,products,invoices}` upsert writes, by Distru's rules (see
/// apis.md, "Writes"):
///
/// - no `id` anywhere: a create under a new id;
/// - `?id=<uuid>` in the query: the idempotent create — that record is created under the id,
///   or updated when it exists (the official SDK's "create with a specific id");
/// - `id` in the body: an update of that record, which must exist. An unknown body `id` is an
///   error, not a create, so a client that puts its chosen id in the body finds out at once.
extension DistruStore {
    func writeTarget(_ table: String, body b: JSONObject, queryID: String?) throws(DistruSimError) -> String {
        let bodyID = W.id(b["id"])
        if let bodyID, let queryID, bodyID != queryID {
            throw .invalid("does not match the id in the query (\(queryID)); send one or the other", "id")
        }
        if let bodyID, queryID == nil, tables[table]?[bodyID] == nil {
            let what = Self.singular(table)
            throw DistruSimError(
                404,
                "\(what) \(bodyID) not found: an `id` in the body updates an existing \(what); create under a chosen id with POST /\(table)?id=\(bodyID)",
                pointer: ["id"])
        }
        return bodyID ?? queryID ?? UUID().uuidString.lowercased()
    }
}
