import LeafSyncDomain

/// Actions: each checks its input against the current state, throws an ``OperatorError`` (and
/// records nothing) when something named is unknown, else records the operator event.
extension OperatorDesk {
    /// R-USR-01: map a Distru user to a LeafLink rep (`users map jane@seller.example 501`).
    public func mapUser(_ user: String, toRep rep: String) async throws -> Recorded {
        let s = try await state()
        let u = try s.distruUser(user)
        let r = try s.rep(rep)
        return try await recorded(
            [.mapRep(distruUserID: u.id, leafLinkStaffID: r.id)],
            summary: "map Distru user \(PersonRef(u).label) \(u.id) to rep \(r.id) (\(r.displayName))", before: s)
    }

    /// R-USR-01: undo a mapping, naming either the Distru user or the rep.
    public func unmapUser(_ userOrRep: String) async throws -> Recorded {
        let s = try await state()
        let userID: String
        if let u = try? s.distruUser(userOrRep) {
            userID = u.id
        } else if let r = try? s.rep(userOrRep), let u = s.userOfRep[r.id] {
            userID = u
        } else {
            _ = try s.distruUser(userOrRep)
            throw OperatorError(field: "user", message: "'\(userOrRep)' is not mapped")
        }
        guard let rep = s.repOfUser[userID] else {
            throw OperatorError(field: "user", message: "Distru user \(userID) is not mapped to a rep; nothing to unmap")
        }
        return try await recorded([.unmapRep(distruUserID: userID)], summary: "unmap Distru user \(userID) from rep \(rep)", before: s)
    }

    /// R-PRD-01: link a Distru product (id or SKU) to a LeafLink product (id or SKU).
    public func link(_ distruProduct: String, to leafLinkProduct: String) async throws -> Recorded {
        let s = try await state()
        let d = try s.distruProduct(distruProduct)
        let l = try s.leafLinkProduct(leafLinkProduct)
        return try await recorded(
            [.linkProduct(distruProductID: d.id, leafLinkProductID: l.id)],
            summary: "link Distru product \(d.id) (\(d.name)) to LeafLink product \(l.id) (\(l.name))", before: s)
    }

    /// R-PRD-09: unlink a product, named on either side.
    public func unlink(_ product: String) async throws -> Recorded {
        let s = try await state()
        let distruID: String
        if let d = try? s.distruProduct(product) {
            distruID = d.id
        } else if let l = try? s.leafLinkProduct(product), let d = s.linkOfLeafLinkProduct[l.id] {
            distruID = d
        } else {
            _ = try s.distruProduct(product)
            throw OperatorError(field: "product", message: "'\(product)' is not linked")
        }
        guard let link = s.links[distruID] else {
            throw OperatorError(field: "product", message: "Distru product \(distruID) is not linked; nothing to unlink")
        }
        return try await recorded(
            [.unlinkProduct(distruProductID: distruID)], summary: "unlink Distru product \(distruID) from LeafLink product \(link.leafLinkProductID)",
            before: s)
    }

    /// R-PRD-03: accept the suggestion for a product (named on either side).
    public func accept(_ product: String) async throws -> Recorded {
        let s = try await state()
        let distruID = try? s.distruProduct(product).id
        let leafLinkID = try? s.leafLinkProduct(product).id
        if distruID == nil && leafLinkID == nil { _ = try s.distruProduct(product) }
        let suggestion = s.productSuggestions().first {
            ($0.side == .distru && $0.distruProductID == distruID) || ($0.side == .leafLink && $0.leafLinkProductID == leafLinkID)
        }
        guard let suggestion else {
            throw OperatorError(
                field: "product", message: "no suggestion for '\(product)'; link it by hand: `leafsync products link DISTRU LEAFLINK`")
        }
        return try await recorded(
            [.acceptSuggestion(distruProductID: suggestion.distruProductID, leafLinkProductID: suggestion.leafLinkProductID)],
            summary: "accept the suggestion: Distru product \(suggestion.distruProductID) ↔ LeafLink product \(suggestion.leafLinkProductID) (\(suggestion.reason))",
            before: s)
    }

    /// R-PRD-05: create a LeafLink product from a Distru product (id or SKU), optionally named.
    /// LeafLink requires a brand, category, sub-category and licence on every product (the
    /// Distru product's LeafLink fields): `placement` gives their LeafLink ids, and the request
    /// is refused before anything is recorded when one is missing.
    public func createInLeafLink(_ distruProduct: String, name: String? = nil, placement: LeafLinkPlacement = LeafLinkPlacement()) async throws
        -> Recorded
    {
        let s = try await state()
        let d = try s.distruProduct(distruProduct)
        if let link = s.links[d.id] {
            throw OperatorError(field: "product", message: "Distru product \(d.id) is already linked to LeafLink product \(link.leafLinkProductID)")
        }
        let missing = placement.missing
        guard missing.isEmpty else {
            throw OperatorError(
                field: missing[0],
                message:
                    "LeafLink requires a brand, category, sub-category and licence on every product; give \(missing.joined(separator: ", ")) (LeafLink ids, e.g. --brand 49 --category 9 --subcategory 21 --license 2619)"
            )
        }
        let request = LeafLinkProductRequest(
            distruProductID: d.id, name: name, licenseID: placement.license, brandID: placement.brand, productLineID: placement.productLine,
            categoryID: placement.category, subcategoryID: placement.subcategory)
        return try await recorded(
            [.createLeafLinkProduct(request)], summary: "create a LeafLink product from Distru product \(d.id) (\(name ?? d.name))", before: s)
    }

    /// R-CUS-05: associate a LeafLink customer (id or name) with a Distru company (id or name).
    public func associate(customer: String, company: String) async throws -> Recorded {
        let s = try await state()
        let c = try s.customer(customer)
        let d = try s.company(company)
        return try await recorded(
            [.associateCustomer(leafLinkCustomerID: c.id, distruCompanyID: d.id)],
            summary: "associate LeafLink customer \(c.id) (\(c.name)) with Distru company \(d.id) (\(d.name))", before: s)
    }

    /// R-UPD-04: delete a synced SO (by id, SO number or LL order), rejecting the LL order or keeping it.
    public func deleteSalesOrder(_ salesOrder: String, reject: Bool) async throws -> Recorded {
        let s = try await state()
        let id = try s.salesOrderID(salesOrder)
        return try await recorded(
            [.deleteSalesOrder(salesOrderID: id, rejectInLeafLink: reject)],
            summary: "delete Distru SO \(id)\(reject ? " and reject its LeafLink order" : ", keeping its LeafLink order")", before: s)
    }

    /// R-ERR-03: resolve a sync error by retrying the command that failed. Other errors resolve
    /// by themselves once their cause is fixed; for those this throws the error's fix.
    public func resolveError(_ id: String) async throws -> Recorded {
        let s = try await state()
        guard let error = s.errors[id] else {
            throw OperatorError(field: "error", message: "no sync error has the id '\(id)'; `leafsync errors list` shows them")
        }
        guard error.resolvedAt == nil else { throw OperatorError(field: "error", message: "\(id) is already resolved") }
        let key = id.split(separator: "|", maxSplits: 2).dropFirst(2).first.map(String.init)
        guard let key, s.commands.abandoned.contains(key) else {
            throw OperatorError(field: "error", message: "\(id) resolves by itself once its cause is fixed: \(error.fix)")
        }
        return try await recorded([.retryCommand(key: key)], summary: "retry \(key) to resolve \(id)", before: s)
    }

    /// R-ERR-03: send one command again (its key from `leafsync audit commands`).
    public func retry(key: String) async throws -> Recorded {
        let s = try await state()
        guard s.commands.status(of: key) != nil else {
            throw OperatorError(field: "key", message: "no command has the key '\(key)'; `leafsync audit commands --dir D` lists them")
        }
        return try await recorded([.retryCommand(key: key)], summary: "retry \(key)", before: s)
    }

    /// R-ERR-03: send every failed command again.
    public func retryFailed() async throws -> Recorded {
        let s = try await state()
        return try await recorded([.retryFailedCommands], summary: "retry every failed command (\(s.commands.abandoned.count) now)", before: s)
    }

    /// R-SET-02: change settings (keys as ``SettingKey`` names them).
    public func setSettings(_ assignments: [String: String]) async throws -> Recorded {
        guard !assignments.isEmpty else { throw OperatorError(field: "settings", message: "give at least one KEY=VALUE") }
        let change = try SettingKey.change(assignments)
        let s = try await state()
        if let location = change.defaultSalesOrderLocationID, !location.isEmpty, !s.locations.isEmpty, s.locations[location] == nil {
            throw OperatorError(
                field: SettingKey.defaultSalesOrderLocationID.rawValue, message: "no Distru location has the id '\(location)'")
        }
        return try await recorded([.changeSettings(change)], summary: SettingKey.summary(assignments), before: s)
    }
}
