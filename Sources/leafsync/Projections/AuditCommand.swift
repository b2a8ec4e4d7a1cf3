import ArgumentParser
import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Query the projections: history of a subject, an order's timeline, errors, commands, operator requests, events, SQL.",
        discussion: """
            Reads DIR/projections.sqlite (run `leafsync project --dir DIR` first) without blocking a \
            running projector. Human tables by default, --json for machines. Exits non-zero with a \
            clear message for an unknown subject or a bad query.

            Examples:
              leafsync audit order a9bf6e2f --dir data/tenants/acme
              leafsync audit history ll-product:2093 --dir data/tenants/acme
              leafsync audit errors --open --dir data/tenants/acme
              leafsync audit commands --status pending --dir data/tenants/acme
              leafsync audit requests --status refused --dir data/tenants/acme
              leafsync audit events --type leaflink.order.observed --from 2026-11-24 --dir data/tenants/acme
              leafsync audit sql "SELECT sync_state, count(*) FROM sales_orders GROUP BY 1" --dir data/tenants/acme
            """,
        subcommands: [History.self, Order.self, Errors.self, Commands.self, Requests.self, Events.self, SQL.self]
    )

    /// Declared here too so `--dir` may stand before the subcommand (`audit --dir D errors`).
    @OptionGroup var tenant: TenantOption

    struct Common: ParsableArguments {
        @OptionGroup var tenant: TenantOption
        @Flag(help: "Print a JSON array of objects.")
        var json = false

        func database() throws -> DatabaseQueue { try ProjectionDatabase.openReadOnly(tenant.tenant) }
    }

    static func show(_ table: TableOutput, json: Bool) {
        print(table.render(json: json))
    }

    /// Runs a query and returns its rows as text cells.
    static func query(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) throws -> TableOutput {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchAll(statement, arguments: arguments)
        return TableOutput(
            columns: statement.columnNames,
            rows: rows.map { row in
                row.databaseValues.map { value -> String? in
                    switch value.storage {
                    case .null: return nil
                    case let .int64(number): return String(number)
                    case let .double(number): return String(number)
                    case let .string(text): return text
                    case let .blob(data): return data.base64EncodedString()
                    }
                }
            })
    }

    /// An LL order number, short id or SO number → `ll-order:<number>`; a subject stays as it is.
    static func resolveSubject(_ text: String, in db: Database) throws -> String {
        if text.contains(":") { return text }
        let number = try String.fetchOne(
            db,
            sql: """
                SELECT leaflink_order_number FROM sales_orders
                WHERE lower(leaflink_order_number) = lower(?1) OR lower(leaflink_short_id) = lower(?1) OR lower(so_number) = lower(?1)
                ORDER BY leaflink_order_number LIMIT 1
                """, arguments: [text])
        guard let number else { throw ValidationError(QueryError.unknownSubject(text).description) }
        return "ll-order:\(number)"
    }

    static let eventColumns = "seq, \(isoTime("recorded_at")), type, source, subject, correlation_id"

    /// A column of microseconds since 1970 shown as an ISO 8601 time, under its own name.
    static func isoTime(_ column: String) -> String {
        "strftime('%Y-%m-%dT%H:%M:%fZ', \(column) / 1e6, 'unixepoch') AS \(column)"
    }

    /// Refuses a `--status` that is none of `statuses`.
    static func validate(status: String?, among statuses: [String]) throws {
        if let status, !statuses.contains(status) {
            throw ValidationError("--status must be one of \(statuses.joined(separator: ", ")), not '\(status)'")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every event and command for a subject.")
        @OptionGroup var common: Common
        @Argument(help: "A subject (ll-order:<number>, ll-product:<id>, …), an LL order number or short id, or an SO number.")
        var subject: String

        func run() throws {
            let (events, commands) = try common.database().read { db -> (TableOutput, TableOutput) in
                let subject = try AuditCommand.resolveSubject(self.subject, in: db)
                let events = try AuditCommand.query(
                    db, "SELECT \(AuditCommand.eventColumns) FROM audit_index WHERE subject = ? ORDER BY seq", [subject])
                guard !events.rows.isEmpty else { throw ValidationError(QueryError.unknownSubject(self.subject).description) }
                let commands = try AuditCommand.query(
                    db, "SELECT idempotency_key, rule, action, status, attempts FROM commands WHERE subject = ? ORDER BY idempotency_key",
                    [subject])
                return (events, commands)
            }
            if common.json {
                print(JSONWriter.compact(["events": events.json, "commands": commands.json]))
            } else {
                print(events.renderText())
                print("\ncommands:")
                print(commands.renderText())
            }
        }
    }

    struct Order: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An order's timeline, from first fetch to completion, with its SO.")
        @OptionGroup var common: Common
        @Argument(help: "An LL order number or short id, or an SO number.")
        var order: String

        func run() throws {
            let (summary, timeline) = try common.database().read { db -> (TableOutput, TableOutput) in
                let subject = try AuditCommand.resolveSubject(order, in: db)
                let number = String(subject.dropFirst("ll-order:".count))
                let summary = try AuditCommand.query(db, "SELECT * FROM sales_orders WHERE leaflink_order_number = ?", [number])
                guard !summary.rows.isEmpty else { throw ValidationError(QueryError.unknownSubject(order).description) }
                let soID = try String.fetchOne(
                    db, sql: "SELECT so_id FROM sales_orders WHERE leaflink_order_number = ?", arguments: [number])
                let timeline = try AuditCommand.query(
                    db,
                    """
                    SELECT \(AuditCommand.eventColumns) FROM audit_index
                    WHERE subject = ?1 OR subject = ?2 ORDER BY seq
                    """, [subject, soID.map { "distru-order:\($0)" }])
                return (summary, timeline)
            }
            if common.json {
                print(JSONWriter.compact(["order": summary.json, "timeline": timeline.json]))
            } else {
                print(summary.renderText())
                print("\ntimeline:")
                print(timeline.renderText())
            }
        }
    }

    struct Errors: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sync errors, open and resolved (R-ERR).")
        @OptionGroup var common: Common
        @Flag(help: "Only errors not yet resolved.")
        var open = false

        func run() throws {
            let table = try common.database().read { db in
                try AuditCommand.query(
                    db,
                    """
                    SELECT id, subject, rule, message, fix, \(AuditCommand.isoTime("first_seen")),
                           \(AuditCommand.isoTime("emailed_at")), \(AuditCommand.isoTime("resolved_at"))
                    FROM sync_errors \(open ? "WHERE resolved_at IS NULL" : "") ORDER BY first_seen, id
                    """)
            }
            AuditCommand.show(table, json: common.json)
        }
    }

    struct Commands: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Outbound commands in emission order: what will be sent, and why each waits (R-ENG-03, R-ERR-03).",
            discussion: """
                status: pending (ready to send), waiting (for depends_on to succeed), retrying (until \
                next_attempt_at), succeeded, failed (abandoned: `leafsync retry KEY`) or cancelled \
                (withdrawn unsent). --json (or --content) adds each command's whole content as JSON.
                """)
        @OptionGroup var common: Common
        @Option(help: "\(CommandStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        var status: String?
        @Flag(help: "Show each command's whole content (always in --json).")
        var content = false

        func validate() throws { try AuditCommand.validate(status: status, among: CommandStatus.allCases.map(\.rawValue)) }

        func run() throws {
            let table = try common.database().read { db in
                try AuditCommand.query(
                    db,
                    """
                    SELECT sequence, idempotency_key, subject, rule, action, target, depends_on, status, waiting_for, attempts,
                           \(AuditCommand.isoTime("next_attempt_at")), last_error\(content || common.json ? ", content" : "")
                    FROM commands \(status == nil ? "" : "WHERE status = ?") ORDER BY sequence, idempotency_key
                    """, status.map { [$0] } ?? [])
            }
            AuditCommand.show(table, json: common.json)
        }
    }

    struct Requests: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator requests in log order, and what the engine made of each: accepted, waiting, refused (with its rule), replaced.",
            discussion: """
                Every operator event (users map, products link, retry, `log append` of an operator.* type, \
                the admin API) is a request the engine may refuse: a product already linked (R-PRD-02), a \
                rep already mapped (R-USR-01), a command that already succeeded (R-ERR-03). status: \
                accepted, waiting (a link or a creation waiting for products not fetched yet; decided_at \
                is set when a later fetch completes or refuses it), refused (rule and reason say why) or \
                replaced (a later request withdrew it while it waited).
                """)
        @OptionGroup var common: Common
        @Option(help: "\(OperatorRequest.Status.allCases.map(\.rawValue).joined(separator: ", ")).")
        var status: String?

        func validate() throws { try AuditCommand.validate(status: status, among: OperatorRequest.Status.allCases.map(\.rawValue)) }

        func run() throws {
            let table = try common.database().read { db in
                try AuditCommand.query(
                    db,
                    """
                    SELECT seq, \(AuditCommand.isoTime("recorded_at")), type, subject, status, rule, reason,
                           \(AuditCommand.isoTime("decided_at"))
                    FROM operator_requests \(status == nil ? "" : "WHERE status = ?") ORDER BY seq
                    """, status.map { [$0] } ?? [])
            }
            AuditCommand.show(table, json: common.json)
        }
    }

    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Events by type and time, from the audit index.")
        @OptionGroup var common: Common
        @Option(help: "Only this event type, e.g. leaflink.order.observed.")
        var type: String?
        @Option(help: "From this time (2026-11-24, 2026-11-24T15:00:00Z).")
        var from: String?
        @Option(help: "Up to this time.")
        var to: String?
        @Option(help: "At most this many rows.")
        var limit = 1_000

        func run() throws {
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let type { conditions.append("type = ?"); arguments.append(type) }
            for (text, op) in [(from, ">="), (to, "<=")] {
                guard let text else { continue }
                guard let time = PointInLog.parseTime(text) else { throw ValidationError(QueryError.badTime(text).description) }
                conditions.append("recorded_at \(op) ?")
                arguments.append(time.microseconds)
            }
            arguments.append(limit)
            let sql =
                "SELECT \(AuditCommand.eventColumns) FROM audit_index \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?"
            let table = try common.database().read { db in try AuditCommand.query(db, sql, StatementArguments(arguments)) }
            AuditCommand.show(table, json: common.json)
        }
    }

    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run a read-only SQL query on the projection database (anything that writes is refused).",
            discussion:
                "Tables: audit_index, linked_products, product_suggestions, reps, customer_associations, sales_orders, metrc_sales_orders, commands, sync_errors, operator_requests, projector_checkpoint."
        )
        @OptionGroup var common: Common
        @Argument(help: "The query, e.g. \"SELECT * FROM sales_orders WHERE sync_state = 'blocked'\".")
        var query: String

        func run() throws {
            let table = try common.database().read { db -> TableOutput in
                let statement: Statement
                do {
                    statement = try db.makeStatement(sql: query)
                } catch let error as DatabaseError {
                    throw ValidationError("bad query: \(error.message ?? "\(error)")")
                }
                guard statement.isReadonly else { throw ValidationError(QueryError.notReadOnly(sql: query).description) }
                // SQLite counts ATTACH, DETACH and some PRAGMAs as read-only (they change the
                // connection, not the file): only a query may run.
                guard Self.queryKeywords.contains(Self.leadingKeyword(query)) else {
                    throw ValidationError(QueryError.notAQuery(sql: query).description)
                }
                return try AuditCommand.query(db, query)
            }
            AuditCommand.show(table, json: common.json)
        }

        /// The statements `audit sql` runs: queries, and EXPLAIN of one.
        static let queryKeywords: Set<String> = ["SELECT", "WITH", "VALUES", "EXPLAIN"]

        /// The first keyword of `sql`, upper-cased, past blanks and `--` or `/* */` comments.
        static func leadingKeyword(_ sql: String) -> String {
            var rest = Substring(sql)
            while true {
                rest = rest.drop { $0.isWhitespace }
                if rest.hasPrefix("--") {
                    rest = rest.drop { $0 != "\n" }
                } else if rest.hasPrefix("/*") {
                    guard let end = rest.range(of: "*/") else { return "" }
                    rest = rest[end.upperBound...]
                } else {
                    return rest.prefix { $0.isLetter }.uppercased()
                }
            }
        }
    }
}
