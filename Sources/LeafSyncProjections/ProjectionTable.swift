import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncLog

/// A read-model table whose rows are a pure function of the reducer's state.
///
/// Because rows depend on the state alone, the live projector and a rebuild from the log write
/// the same rows, so rebuilding gives byte-identical tables (R-ENG-02).
struct ProjectionTable: Sendable {
    let name: String
    /// Column names; the first is the primary key.
    let columns: [String]
    let columnTypes: [String]
    let extraStatements: [String]
    /// The rows for a state; the memo is the writer's, kept from one sync to the next.
    let rows: @Sendable (SyncState, RowMemo) -> [[DatabaseValue]]

    init(
        name: String, columns: [String], columnTypes: [String], extraStatements: [String],
        rows: @escaping @Sendable (SyncState) -> [[DatabaseValue]]
    ) {
        self.init(name: name, columns: columns, columnTypes: columnTypes, extraStatements: extraStatements) { state, _ in rows(state) }
    }

    init(
        name: String, columns: [String], columnTypes: [String], extraStatements: [String],
        memoizedRows rows: @escaping @Sendable (SyncState, RowMemo) -> [[DatabaseValue]]
    ) {
        self.name = name
        self.columns = columns
        self.columnTypes = columnTypes
        self.extraStatements = extraStatements
        self.rows = rows
    }

    var createStatements: [String] {
        let definitions = zip(columns, columnTypes).enumerated().map { index, pair in
            "\(pair.0) \(pair.1)\(index == 0 ? " PRIMARY KEY" : "")"
        }
        return ["CREATE TABLE \(name) (\(definitions.joined(separator: ", ")))"] + extraStatements
    }
}

/// Text a row builder derives from what never changes under a primary key (a command's content:
/// a key is emitted once, with one action), kept by one ``TableWriter`` between syncs so a
/// following projector does not re-encode every command each time it catches up. Rows stay a
/// pure function of the state: the memo only saves recomputing them.
final class RowMemo {
    private var texts: [String: String] = [:]

    /// The text kept for `key`, or `make()`, kept.
    func text(_ key: String, _ make: () -> String) -> String {
        if let text = texts[key] { return text }
        let text = make()
        texts[key] = text
        return text
    }
}

enum ProjectionTables {
    static let all: [ProjectionTable] = [
        linkedProducts, suggestions, reps, customerAssociations, salesOrders, commands, syncErrors, operatorRequests, metrcSalesOrders,
    ]

    /// R-PRD-10: per Distru product, the linked LL product's name and URL (empty when unlinked).
    static let linkedProducts = ProjectionTable(
        name: "linked_products",
        columns: ["distru_product_id", "distru_name", "leaflink_product_id", "leaflink_name", "leaflink_url"],
        columnTypes: ["TEXT", "TEXT NOT NULL", "INTEGER", "TEXT NOT NULL", "TEXT NOT NULL"],
        extraStatements: ["CREATE INDEX linked_by_leaflink ON linked_products (leaflink_product_id)"]
    ) { state in
        state.linkedProducts().map {
            [
                $0.distruProductID.databaseValue, $0.distruName.databaseValue, $0.leafLinkProductID.databaseValue,
                $0.leafLinkName.databaseValue, $0.leafLinkURL.databaseValue,
            ]
        }
    }

    /// R-PRD-03: the best candidate on the other side for each unlinked product, with its score.
    static let suggestions = ProjectionTable(
        name: "product_suggestions",
        columns: ["id", "side", "distru_product_id", "leaflink_product_id", "score", "reason"],
        columnTypes: ["TEXT", "TEXT NOT NULL", "TEXT NOT NULL", "INTEGER NOT NULL", "INTEGER NOT NULL", "TEXT NOT NULL"],
        extraStatements: []
    ) { state in
        state.productSuggestions().map {
            [
                "\($0.side.rawValue):\($0.distruProductID):\($0.leafLinkProductID)".databaseValue, $0.side.rawValue.databaseValue,
                $0.distruProductID.databaseValue, $0.leafLinkProductID.databaseValue, $0.score.databaseValue, $0.reason.databaseValue,
            ]
        }
    }

    /// R-USR-02: every LL rep, mapped or not.
    static let reps = ProjectionTable(
        name: "reps",
        columns: ["staff_id", "name", "email", "distru_user_id", "distru_user_name"],
        columnTypes: ["INTEGER", "TEXT NOT NULL", "TEXT", "TEXT", "TEXT"],
        extraStatements: []
    ) { state in
        state.repDirectory().map {
            [
                $0.staffID.databaseValue, $0.name.databaseValue, $0.email.databaseValue, $0.distruUserID.databaseValue,
                $0.distruUserName.databaseValue,
            ]
        }
    }

    /// R-CUS: LL customer → Distru company.
    static let customerAssociations = ProjectionTable(
        name: "customer_associations",
        columns: ["leaflink_customer_id", "leaflink_customer_name", "distru_company_id", "distru_company_name"],
        columnTypes: ["INTEGER", "TEXT", "TEXT NOT NULL", "TEXT"],
        extraStatements: []
    ) { state in
        state.customerAssociations.sorted { $0.key < $1.key }.map { customer, company in
            [
                customer.databaseValue, state.leafLinkCustomers[customer]?.name.databaseValue ?? .null,
                company.databaseValue, state.companies[company]?.name.databaseValue ?? .null,
            ]
        }
    }

    /// R-ORD-13: every LL order the engine knows, its SO and sync state, with blocking reasons.
    static let salesOrders = ProjectionTable(
        name: "sales_orders",
        columns: [
            "leaflink_order_number", "leaflink_short_id", "leaflink_status", "so_id", "so_number", "so_status",
            "sync_state", "blocking_reasons", "modified",
        ],
        columnTypes: ["TEXT", "TEXT", "TEXT NOT NULL", "TEXT", "TEXT", "TEXT", "TEXT NOT NULL", "TEXT NOT NULL", "TEXT"],
        extraStatements: [
            "CREATE INDEX sales_orders_by_short_id ON sales_orders (leaflink_short_id)",
            "CREATE INDEX sales_orders_by_so_number ON sales_orders (so_number)",
        ]
    ) { state in
        state.orders.keys.sorted().compactMap { state.orders[$0] }.map { sync in
            [
                sync.number.databaseValue, sync.order.shortID.databaseValue, sync.order.status.rawValue.databaseValue,
                sync.salesOrderID.databaseValue, sync.salesOrderNumber.databaseValue,
                sync.salesOrderStatus?.rawValue.databaseValue ?? .null,
                "\(sync.phase)".databaseValue, sync.blockers.joined(separator: "\n").databaseValue, sync.order.modified.databaseValue,
            ]
        }
    }

    /// Outbound commands, each with its whole content (`content`: the action's canonical JSON), the
    /// remote object it writes, its dependency and why it waits, its attempts, next attempt and
    /// last error. `status`: pending (ready) | waiting (for `depends_on`) | retrying (until
    /// `next_attempt_at`) | succeeded | failed (abandoned) | cancelled (withdrawn).
    static let commands = ProjectionTable(
        name: "commands",
        columns: [
            "idempotency_key", "sequence", "subject", "rule", "action", "target", "depends_on", "status", "waiting_for", "attempts",
            "next_attempt_at", "last_error", "content",
        ],
        columnTypes: [
            "TEXT", "INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT NOT NULL", "TEXT", "INTEGER NOT NULL", "INTEGER", "TEXT",
            "TEXT",
        ],
        extraStatements: ["CREATE INDEX commands_by_status ON commands (status)", "CREATE INDEX commands_by_sequence ON commands (sequence)"]
    ) { state, memo in
        let book = state.commands
        let keys = Set(book.pending.keys).union(book.done).union(book.abandoned).union(book.cancelled).sorted()
        return keys.map { key in
            let command = book.command(key)
            let status = book.status(of: key) ?? .succeeded
            return [
                key.databaseValue, command.map { Int64($0.sequence) }.databaseValue, command?.subject.databaseValue ?? .null,
                command?.rule.databaseValue ?? .null, command.map { $0.action.name }.databaseValue,
                command?.action.target.databaseValue ?? .null, command?.dependsOn.databaseValue ?? .null,
                status.rawValue.databaseValue, waitingFor(key, status, book).databaseValue,
                (book.attempts[key] ?? 0).databaseValue, book.retryAt[key]?.microseconds.databaseValue ?? .null,
                book.lastError[key].databaseValue, command.map { c in memo.text(key) { c.action.canonicalJSONText } }.databaseValue,
            ]
        }
    }

    /// Why a command that is not ready waits, in words.
    private static func waitingFor(_ key: String, _ status: CommandStatus, _ book: CommandBook) -> String? {
        switch status {
        case .waiting:
            guard let dependency = book.command(key)?.dependsOn else { return nil }
            return book.abandoned.contains(dependency)
                ? "\(dependency) to succeed; it failed: retry it (leafsync retry \(dependency))" : "\(dependency) to succeed"
        case .retrying: return "its next attempt"
        case .failed: return "the operator: leafsync retry \(key)"
        default: return nil
        }
    }

    /// R-ERR: sync errors, open and resolved, with when they were first seen, e-mailed and resolved.
    static let syncErrors = ProjectionTable(
        name: "sync_errors",
        columns: ["id", "subject", "rule", "message", "fix", "first_seen", "emailed_at", "resolved_at"],
        columnTypes: [
            "TEXT", "TEXT NOT NULL", "TEXT NOT NULL", "TEXT NOT NULL", "TEXT NOT NULL", "INTEGER NOT NULL", "INTEGER", "INTEGER",
        ],
        extraStatements: ["CREATE INDEX sync_errors_open ON sync_errors (resolved_at, first_seen)"]
    ) { state in
        state.errors.keys.sorted().compactMap { state.errors[$0] }.map { error in
            [
                error.id.databaseValue, error.subject.databaseValue, error.rule.databaseValue, error.message.databaseValue,
                error.fix.databaseValue, error.openedAt.microseconds.databaseValue,
                error.emailedAt?.microseconds.databaseValue ?? .null, error.resolvedAt?.microseconds.databaseValue ?? .null,
            ]
        }
    }

    /// Every operator request (an `operator.*-requested` event) by log sequence, with what the
    /// reducer made of it: `status` accepted | waiting (for products not fetched yet) | refused
    /// (`rule`, `reason`) | replaced (a later request withdrew it while it waited); `decided_at`
    /// is when (later than `recorded_at` for a request that waited).
    static let operatorRequests = ProjectionTable(
        name: "operator_requests",
        columns: ["seq", "recorded_at", "type", "subject", "status", "rule", "reason", "decided_at"],
        columnTypes: ["INTEGER", "INTEGER NOT NULL", "TEXT NOT NULL", "TEXT NOT NULL", "TEXT NOT NULL", "TEXT", "TEXT", "INTEGER"],
        extraStatements: ["CREATE INDEX operator_requests_by_status ON operator_requests (status, seq)"]
    ) { state in
        state.operatorRequests.map { request in
            [
                Int64(bitPattern: request.sequence).databaseValue, request.at.microseconds.databaseValue, request.type.databaseValue,
                request.subject.databaseValue, request.status.rawValue.databaseValue, request.rule.databaseValue,
                request.reason.databaseValue, request.decidedAt?.microseconds.databaseValue ?? .null,
            ]
        }
    }
}
