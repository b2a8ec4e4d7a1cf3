import HTTPClientSupport
import LeafSyncJSON

/// Records of one resource in creation order, keyed by id text.
struct Table: Sendable {
    private(set) var ids: [String] = []
    private var rows: [String: JSONObject] = [:]

    subscript(id: String) -> JSONObject? {
        get { rows[id] }
        set {
            if let newValue {
                if rows[id] == nil { ids.append(id) }
                rows[id] = newValue
            } else if rows.removeValue(forKey: id) != nil {
                ids.removeAll { $0 == id }
            }
        }
    }

    var all: [JSONObject] { ids.compactMap { rows[$0] } }
    var count: Int { ids.count }
}
