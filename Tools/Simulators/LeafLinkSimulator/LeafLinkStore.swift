import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

/// The simulator's state: one seller company's LeafLink data, in memory. All mutations go
/// through this actor; each one stamps `modified` from a strictly increasing clock and queues
/// the webhooks LeafLink would send.
public actor LeafLinkStore {
    /// Resource path → id → record. Orders are keyed by `number`.
    var tables: [String: [String: JSONObject]] = [:]
    /// Resource path → keys in creation order.
    var order: [String: [String]] = [:]
    var nextID = 100_000
    var lastMicros: Int64 = 0
    var company = JSONObject([("id", 3721), ("name", "Simulated Seller Co.")])
    var outbox: [WebhookMessage] = []

    /// Called before a list page is served (resource path, offset); tests use it to change data
    /// in the middle of a paged fetch.
    public var listHook: (@Sendable (String, Int) async -> Void)?

    public init() {}

    public init(seed: SimSeed) async {
        load(seed)
    }

    public func setListHook(_ hook: (@Sendable (String, Int) async -> Void)?) { listHook = hook }

    // MARK: - Clock and ids

    /// Now, as LeafLink text; strictly increasing so `modified` orders every change.
    func now() -> String {
        let wall = LeafLinkTimestamp.now().microseconds
        lastMicros = max(wall, lastMicros + 1)
        return LeafLinkTimestamp.format(lastMicros)
    }

    func newID() -> Int {
        nextID += 1
        return nextID
    }

    // MARK: - Table access

    func get(_ table: String, _ key: String) -> JSONObject? { tables[table]?[key] }

    func put(_ table: String, _ key: String, _ record: JSONObject) {
        if tables[table]?[key] == nil { order[table, default: []].append(key) }
        tables[table, default: [:]][key] = record
    }

    func all(_ table: String) -> [JSONObject] { (order[table] ?? []).compactMap { tables[table]?[$0] } }

    func require(_ table: String, _ key: String) throws(SimError) -> JSONObject {
        guard let r = get(table, key) else { throw .notFound() }
        return r
    }

    /// Counts per table, for `/_sim/state`.
    public func counts() -> [String: Int] { tables.mapValues(\.count) }

    public func reset() {
        tables = [:]
        order = [:]
        outbox = []
    }

    func drainOutbox() -> [WebhookMessage] {
        defer { outbox = [] }
        return outbox
    }
}

/// A webhook LeafLink would send after a change.
struct WebhookMessage: Sendable {
    var body: JSONValue
}
