import LeafSyncDomain
import LeafSyncLog

/// Queries: each answers from the reducer's current state, sorted so the output is stable.
extension OperatorDesk {
    /// R-USR-01: every LeafLink rep, the Distru user it is mapped to, and (while unmapped) the
    /// Distru user with the same e-mail that is not mapped to another rep.
    public func users() async throws -> [RepRow] {
        let s = try await state()
        return s.staff.values.sorted { $0.id < $1.id }.map { rep in
            let mapped = s.userOfRep[rep.id].flatMap { s.users[$0] }
            let suggested =
                mapped != nil
                ? nil
                : s.users.values.sorted { $0.id < $1.id }.first { $0.email.sameAddress(rep.email ?? "") && s.repOfUser[$0.id] == nil }
            return RepRow(
                rep: PersonRef(id: String(rep.id), name: rep.displayName, email: rep.email), active: rep.isActive,
                mapped: mapped.map(PersonRef.init), suggested: suggested.map(PersonRef.init))
        }
    }

    /// R-PRD-03: the unlinked products on both sides (active Distru products, then LeafLink
    /// products), each with its best candidate on the other side.
    public func unlinkedProducts() async throws -> [ProductRow] {
        let s = try await state()
        let suggestions = Self.rows(s.productSuggestions(), in: s)
        let distru = s.distruProducts.values.filter { s.links[$0.id] == nil && $0.isActive }.sorted { $0.id < $1.id }.map { p in
            ProductRow(side: "distru", id: p.id, name: p.name, sku: p.sku, suggestion: suggestions.first { $0.side == .distru && $0.row.distruProduct == p.id }?.row)
        }
        let leafLink = s.leafLinkProducts.values.filter { s.linkOfLeafLinkProduct[$0.id] == nil }.sorted { $0.id < $1.id }.map { p in
            ProductRow(
                side: "leaflink", id: String(p.id), name: p.name, sku: p.sku,
                suggestion: suggestions.first { $0.side == .leafLink && $0.row.leafLinkProduct == String(p.id) }?.row)
        }
        return distru + leafLink
    }

    /// R-PRD-03: the suggested links, or those involving one product (a Distru id or SKU, or a
    /// LeafLink id or SKU).
    public func suggestions(for product: String? = nil) async throws -> [SuggestionRow] {
        let s = try await state()
        var rows = Self.rows(s.productSuggestions(), in: s).map(\.row)
        if let product {
            let distruID = try? s.distruProduct(product).id
            let leafLinkID = (try? s.leafLinkProduct(product)).map { String($0.id) }
            guard distruID != nil || leafLinkID != nil else { _ = try s.distruProduct(product); return [] }
            rows = rows.filter { $0.distruProduct == distruID || $0.leafLinkProduct == leafLinkID }
        }
        var seen = Set<String>()
        return rows.filter { seen.insert("\($0.distruProduct)|\($0.leafLinkProduct)").inserted }
    }

    /// R-CUS: every LeafLink customer and the Distru company it is associated with.
    public func customers() async throws -> [CustomerRow] {
        let s = try await state()
        return s.leafLinkCustomers.values.sorted { $0.id < $1.id }.map { c in
            let company = s.customerAssociations[c.id]
            return CustomerRow(id: String(c.id), name: c.name, license: c.licenseNumber, companyID: company, companyName: company.flatMap { s.companies[$0]?.name })
        }
    }

    /// Every LeafLink order the engine knows, by number, with its sync.
    public func orders() async throws -> [OrderRow] {
        let s = try await state()
        return s.orders.keys.sorted().compactMap { s.orders[$0] }.map { Self.row($0) }
    }

    /// One order (by number or short id): its sync, the decisions about it and its open errors.
    public func order(_ id: String) async throws -> OrderDetail {
        let s = try await state()
        let sync = try s.order(id)
        let subjects = ["ll-order:\(sync.number)"] + (sync.salesOrderID.map { ["distru-order:\($0)"] } ?? [])
        return OrderDetail(
            order: Self.row(sync), decisions: subjects.flatMap { s.decisions[$0] ?? [] }.map(\.description),
            errors: s.openErrors.filter { subjects.contains($0.subject) }.map(Self.row))
    }

    /// Sync errors: the open ones (oldest first), or all of them with `open: false`.
    public func errors(open: Bool = true) async throws -> [ErrorRow] {
        let s = try await state()
        let errors = open ? s.openErrors : s.errors.values.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        return errors.map(Self.row)
    }

    /// The tenant's settings, one row per key `settings set` takes.
    public func settings() async throws -> [SettingRow] {
        SettingKey.rows(try await state().settings)
    }

    static func row(_ sync: OrderSync) -> OrderRow {
        OrderRow(
            number: sync.number, shortID: sync.order.shortID, status: sync.order.status.rawValue, customer: sync.order.customerName,
            phase: "\(sync.phase)", salesOrderID: sync.salesOrderID, salesOrderNumber: sync.salesOrderNumber, blockers: sync.blockers)
    }

    static func row(_ e: SyncError) -> ErrorRow {
        ErrorRow(
            id: e.id, subject: e.subject, rule: e.rule, message: e.message, fix: e.fix, opened: e.openedAt.description,
            resolved: e.resolvedAt?.description)
    }

    static func rows(_ suggestions: [ProductSuggestion], in s: SyncState) -> [(side: ProductSuggestion.Side, row: SuggestionRow)] {
        suggestions.map { x in
            (
                x.side,
                SuggestionRow(
                    distruProduct: x.distruProductID, distruName: s.distruProducts[x.distruProductID]?.name ?? "",
                    leafLinkProduct: String(x.leafLinkProductID), leafLinkName: s.leafLinkProducts[x.leafLinkProductID]?.name ?? "",
                    score: x.score, reason: x.reason)
            )
        }
    }
}

extension PersonRef {
    init(_ user: DistruUser) { self.init(id: user.id, name: user.fullName, email: user.email) }
}
