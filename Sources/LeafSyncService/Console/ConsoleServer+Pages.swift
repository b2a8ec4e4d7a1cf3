import Foundation
import LeafSyncDomain
import LeafSyncIngest
import LeafSyncLog
import LeafSyncProjections

/// The page models, each from the desk's queries (and, for what the desk has no query for, the
/// same state it reads).
extension ConsoleServer {
    func model(_ page: ConsolePage) async throws -> Any {
        switch page {
        case .orders: try await ordersPage()
        case .users: try await usersPage()
        case .products: try await productsPage()
        case .customers: try await customersPage()
        case .settings: try await settingsPage()
        case .errors: try await errorsPage()
        case .commands: try await commandsPage()
        case .connection: try await connectionPage()
        }
    }

    func ordersPage() async throws -> OrdersPage {
        let orders = try await desk.orders().map(Self.line)
        return OrdersPage(orders: orders, count: orders.count)
    }

    static func line(_ row: OrderRow) -> OrderLine {
        OrderLine(
            number: row.number, href: "/console/orders/" + ConsoleHTTP.pathSegment(row.number), shortID: row.shortID,
            customer: row.customer ?? "",
            status: row.status, phase: row.phase, so: row.salesOrderNumber ?? row.salesOrderID ?? "", blocked: !row.blockers.isEmpty,
            blockers: row.blockers.map(blocker))
    }

    /// A blocker with its fix and the console page that makes it (the reducer's R-ORD-01 texts).
    static func blocker(_ text: String) -> BlockerLine {
        let fixes: [(match: String, fix: String, page: ConsolePage?)] = [
            ("not mapped", "map the rep to a Distru user", .users),
            ("not linked", "link the LeafLink product to a Distru product", .products),
            ("available", "receive or move stock into the inventory locations, or change the locations", .settings),
            ("no sales rep", "attach a sales rep to the order in LeafLink", nil),
            ("not fetched", "re-fetch the order from LeafLink", .connection),
            ("names no", "re-fetch the order from LeafLink", .connection),
            ("failed for good", "retry the failed command, or edit the order in LeafLink", .commands),
        ]
        let found = fixes.first { text.contains($0.match) }
        return BlockerLine(text: text, fix: found?.fix, fixHref: found?.page?.path)
    }

    /// One order, and its timeline: from the log when the console knows where it is (what
    /// `leafsync replay --explain` shows), else the engine's recent decisions.
    func orderPage(_ number: String) async throws -> OrderPage {
        let detail = try await desk.order(number)
        let subject = "ll-order:\(detail.order.number)"
        let timeline: [TimelineStep]
        let source: String
        if let logPath = connection.logPath {
            let steps = try await onOwnThread(named: "leafsync.console.replay") {
                try Replay.run(logPath: logPath, until: .end, explaining: subject).steps
            }
            timeline = steps.map {
                let text = $0.text.hasPrefix($0.rule + ": ") ? String($0.text.dropFirst($0.rule.count + 2)) : $0.text
                return TimelineStep(
                    sequence: String($0.sequence), time: "\($0.recordedAt)", rule: $0.rule, text: text,
                    event: "\($0.eventType) \($0.eventSubject)")
            }
            source = "replayed by the reducer, with the event that caused each step"
        } else {
            timeline = detail.decisions.map { TimelineStep(sequence: "", time: "", rule: "", text: $0, event: nil) }
            source = "the engine's recent decisions"
        }
        return OrderPage(
            order: Self.line(detail.order), hasErrors: !detail.errors.isEmpty, errors: detail.errors.map(Self.line), timeline: timeline,
            source: source)
    }

    func usersPage() async throws -> UsersPage {
        let rows = try await desk.users()
        let users = try await desk.state().users.values.sorted { ($0.fullName, $0.id) < ($1.fullName, $1.id) }
        return UsersPage(
            reps: rows.map { row in
                RepLine(
                    id: row.rep.id, name: row.rep.name, email: row.rep.email ?? "", active: row.active, isMapped: row.mapped != nil,
                    mapped: row.mapped.map { "\($0.label) (\($0.id))" } ?? "", suggested: row.suggested?.label ?? "",
                    users: row.mapped != nil
                        ? []
                        : users.map { Choice(value: $0.id, label: PersonRef($0).label, selected: $0.id == row.suggested?.id) })
            })
    }

    func productsPage() async throws -> ProductsPage {
        let suggestions = try await desk.suggestions()
        let unlinked = try await desk.unlinkedProducts()
        let s = try await desk.state()
        let placement = [
            ("brand", "Brand"), ("category", "Category"), ("subcategory", "Sub-category"), ("license", "Licence"),
            ("productLine", "Product line (optional)"),
        ]
        return ProductsPage(
            suggestions: suggestions,
            unlinked: unlinked.map { p in
                let isDistru = p.side == "distru"
                return UnlinkedLine(
                    side: p.side, sideName: isDistru ? "Distru" : "LeafLink", id: p.id, name: p.name, sku: p.sku ?? "", isDistru: isDistru,
                    ownField: isDistru ? "distruProduct" : "leafLinkProduct", otherField: isDistru ? "leafLinkProduct" : "distruProduct",
                    otherName: isDistru ? "LeafLink" : "Distru",
                    suggested: p.suggestion.map { isDistru ? $0.leafLinkProduct : $0.distruProduct } ?? "",
                    placement: isDistru
                        ? placement.map {
                            PlacementField(fieldID: "\($0.0)-\(p.id)", name: $0.0, label: "LeafLink \($0.1) id", inputMode: "numeric")
                        } : [])
            },
            linked: s.links.values.sorted { $0.distruProductID < $1.distruProductID }.map { link in
                let leafLink = s.leafLinkProducts[link.leafLinkProductID]
                var fields: [NameValue] = []
                if let l = leafLink {
                    fields = [
                        NameValue(name: "SKU", value: l.sku ?? ""), NameValue(name: "unit", value: "\(l.unit)"),
                        NameValue(name: "units per case", value: "\(l.unitMultiplier)"),
                        NameValue(name: "wholesale price", value: "\(l.wholesalePrice)"),
                        NameValue(name: "sale price", value: "\(l.salePrice)"),
                        NameValue(name: "quantity", value: l.quantity.map { "\($0)" } ?? "not tracked"),
                        NameValue(name: "listing", value: l.listingState ?? ""),
                    ]
                }
                if link.settingsToPush != nil || link.fieldsPending {
                    fields.append(NameValue(name: "changes", value: "waiting for the next push cycle"))
                }
                return LinkedLine(
                    distruProduct: link.distruProductID, distruName: s.distruProducts[link.distruProductID]?.name ?? "",
                    leafLinkProduct: String(link.leafLinkProductID), leafLinkName: leafLink?.name ?? "", fields: fields)
            })
    }

    func customersPage() async throws -> CustomersPage {
        let rows = try await desk.customers()
        let companies = try await desk.state().companies.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        return CustomersPage(
            customers: rows.map { row in
                CustomerLine(
                    id: row.id, name: row.name, license: row.license ?? "",
                    company: row.companyID.map { "\(row.companyName ?? "?") (\($0))" } ?? "",
                    companies: [Choice(value: "", label: "Choose a company", selected: row.companyID == nil)]
                        + companies.map { Choice(value: $0.id, label: $0.name, selected: $0.id == row.companyID) })
            })
    }

    func errorsPage() async throws -> ErrorsPage {
        let s = try await desk.state()
        let errors = try await desk.errors(open: false)
        return ErrorsPage(
            errors: errors.map { row in
                var line = Self.line(row)
                line.emailed = s.errors[row.id]?.emailedAt.map { "\($0)" } ?? "no"
                // Only a failed push's error (`subject|rule|command key`) resolves by a retry.
                let key = row.id.split(separator: "|", maxSplits: 2).dropFirst(2).first.map(String.init)
                line.open = line.open && key.map { s.commands.abandoned.contains($0) } == true
                return line
            })
    }

    static func line(_ row: ErrorRow) -> ErrorLine {
        ErrorLine(
            id: row.id, subject: row.subject, rule: row.rule, opened: row.opened, resolved: row.resolved ?? "", emailed: "",
            message: row.message,
            fix: row.fix, open: row.resolved == nil, isOpen: row.resolved == nil, state: row.resolved == nil ? "open" : "resolved")
    }

    /// The command queue: every pending command and every failed one, in emission order.
    func commandsPage() async throws -> CommandsPage {
        let book = try await desk.state().commands
        let commands = (Array(book.pending.values) + book.abandoned.compactMap { book.command($0) }).sorted { $0.sequence < $1.sequence }
        return CommandsPage(
            commands: commands.map { c in
                let status = book.status(of: c.key) ?? .pending
                return CommandQueueLine(
                    key: c.key, action: c.action.name, target: c.action.target ?? "", rule: c.rule, status: status.rawValue,
                    attempts: String(book.attempts[c.key] ?? 0),
                    nextAttempt: book.retryAt[c.key].map { "\($0)" } ?? (status == .pending ? "now" : ""),
                    dependsOn: c.dependsOn.map { book.abandoned.contains($0) ? "\($0) (failed)" : $0 } ?? "",
                    lastError: book.lastError[c.key] ?? "",
                    failed: status == .failed)
            },
            hasFailed: !book.abandoned.isEmpty, done: book.done.count)
    }

    func connectionPage() async throws -> ConnectionPage {
        let s = try await desk.state()
        let now = connection.now()
        func ago(_ time: Timestamp) -> String { "\(max(0, (now.microseconds - time.microseconds) / 1_000_000)) s" }
        let passes = FetchPasses.shared.lags(at: now).map { pass in
            FetchLine(
                name: "\(pass.resource.remote) \(pass.resource.resource): last complete pass", last: "",
                lag: "\(pass.lag.components.seconds) s")
        }
        let polls = s.lastPoll.sorted { $0.key < $1.key }.map {
            FetchLine(name: "poll \($0.key): last asked", last: "\($0.value)", lag: ago($0.value))
        }
        let report = await connection.readiness()
        return ConnectionPage(
            remotes: connection.remotes.map {
                RemoteLine(
                    name: $0.name, state: $0.configured ? "configured" : "not configured", baseURL: $0.baseURL ?? "", webhooks: $0.webhooks)
            },
            fetches: polls + passes,
            webhooks: connection.webhookDeliveries().map { NameValue(name: "\($0.answer): \($0.count)", value: "") },
            health: report.ready ? "Ready: the log is open and the remotes have been fetched." : "Not ready yet.",
            checks: report.checks.sorted { $0.key < $1.key }.map { NameValue(name: $0.key, value: $0.value) })
    }
}
