/// LeafLink's order workflow as the simulator models it (see apis.md, "likely transition graph").
enum OrderRules {
    /// action → (allowed from, target status).
    static let transitions: [String: (from: Set<String>, to: String)] = [
        "submit": (["Draft"], "Submitted"),
        "accept": (["Submitted", "Backorder"], "Accepted"),
        "backorder": (["Submitted", "Accepted"], "Backorder"),
        "fulfill": (["Accepted", "Backorder"], "Fulfilled"),
        "ship": (["Fulfilled"], "Shipped"),
        "complete": (["Shipped"], "Complete"),
        "reject": (["Submitted", "Accepted", "Backorder", "Fulfilled", "Shipped"], "Rejected"),
        "cancel": (["Submitted", "Accepted"], "Cancelled"),
    ]

    /// The actions `POST /orders-received/{number}/transition/{action}/` takes (v2 OpenAPI:
    /// `submit`, `accept`, `fulfill`, `cancel`, `reject`, `ship`, `complete`); `backorder` is a
    /// control-only action of the simulator.
    static let apiActions: Set<String> = ["submit", "accept", "fulfill", "cancel", "reject", "ship", "complete"]

    /// The actions allowed from `status`, sorted.
    static func actions(from status: String) -> [String] {
        transitions.filter { $0.value.from.contains(status) }.map(\.key).sorted()
    }

    /// The seller's `available_transitions` (lowercase target states), as in LeafLink's examples.
    static func available(for status: String) -> [String] {
        switch status {
        case "Draft": ["submitted"]
        case "Submitted": ["accepted", "backorder", "rejected"]
        case "Accepted": ["fulfilled", "rejected"]
        case "Backorder": ["accepted", "fulfilled", "rejected"]
        case "Fulfilled": ["shipped", "rejected"]
        case "Shipped": ["complete", "rejected"]
        default: []
        }
    }

    /// Statuses whose quantities are held in `reserved_qty`.
    static let reserving: Set<String> = ["Submitted", "Accepted", "Backorder"]
    /// Statuses whose quantities have left `quantity`.
    static let fulfilled: Set<String> = ["Fulfilled", "Shipped", "Complete"]

    static let eventType: [String: String] = [
        "Submitted": "submitted", "Accepted": "accepted", "Backorder": "backordered", "Fulfilled": "fulfilled",
        "Shipped": "shipped", "Complete": "completed", "Rejected": "rejected", "Cancelled": "cancelled",
        "Combined": "combined",
    ]
}
