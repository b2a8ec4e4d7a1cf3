import Foundation
public import LeafSyncJSON

/// A LeafLink webhook body `{"type", "action", "data"}`: a hint that names a record to fetch.
public struct LeafLinkWebhook: Equatable, Sendable {
    public var type: String
    public var action: String
    /// The order number or product id the webhook names.
    public var recordID: String

    /// Reads the envelope `{"type","action","data"}`; a bare record (no envelope) is read with the
    /// type and id of the log `subject` it was filed under (`ll-order:<number>`, `ll-product:<id>`).
    public init<J: JSONReadable>(json: J, subject: String = "") throws(RecordDecodingError) {
        if let type = json["type"]?.string, json["data"] != nil {
            self.type = type
            action = json["action"]?.string ?? "edit"
            guard let id = json["data"]?.first("number", "id")?.idString else {
                throw .missingField(record: "LeafLink webhook", field: "data.number or data.id")
            }
            recordID = id
            return
        }
        action = "edit"
        if subject.hasPrefix("ll-order:") {
            type = "order"
            recordID = json.first("number", "order_number")?.idString ?? String(subject.dropFirst("ll-order:".count))
        } else if subject.hasPrefix("ll-product:") {
            type = "product"
            recordID = json["id"]?.idString ?? String(subject.dropFirst("ll-product:".count))
        } else {
            throw .missingField(record: "LeafLink webhook", field: "type")
        }
    }
}
