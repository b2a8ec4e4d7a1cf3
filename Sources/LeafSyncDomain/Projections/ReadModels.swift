import Foundation

/// R-PRD-10: one row per Distru product: the linked LL product's name and URL (empty when unlinked).
public struct LinkedProductRow: Equatable, Sendable {
    public var distruProductID: String
    public var distruName: String
    public var leafLinkProductID: Int?
    public var leafLinkName: String
    public var leafLinkURL: String
}

/// R-USR-02: every LL rep and the Distru user it is mapped to, if any.
public struct RepRow: Equatable, Sendable {
    public var staffID: Int
    public var name: String
    public var email: String?
    public var distruUserID: String?
    public var distruUserName: String?
}

/// R-ORD-13: one synced order, searchable by LL order number, short id or SO number.
public struct SalesOrderRow: Equatable, Sendable {
    public var leafLinkOrderNumber: String
    public var leafLinkShortID: String?
    public var salesOrderID: String?
    public var salesOrderNumber: String?
    public var phase: OrderSync.Phase
    public var blockers: [String]
}

extension SyncState {
    /// R-PRD-10.
    public func linkedProducts() -> [LinkedProductRow] {
        distruProducts.values.sorted { $0.id < $1.id }.map { d in
            guard let link = links[d.id] else {
                return LinkedProductRow(
                    distruProductID: d.id, distruName: d.name, leafLinkProductID: nil, leafLinkName: "", leafLinkURL: "")
            }
            let id = link.leafLinkProductID
            return LinkedProductRow(
                distruProductID: d.id, distruName: d.name, leafLinkProductID: id,
                leafLinkName: leafLinkProducts[id]?.name ?? "",
                leafLinkURL: "\(settings.leafLinkBaseURL)/products/\(id)/")
        }
    }

    /// R-USR-02.
    public func repDirectory() -> [RepRow] {
        staff.values.sorted { $0.id < $1.id }.map { s in
            let user = userOfRep[s.id]
            return RepRow(
                staffID: s.id, name: s.displayName, email: s.email, distruUserID: user, distruUserName: user.flatMap { users[$0]?.fullName }
            )
        }
    }

    /// R-ORD-13: every LL order the engine knows, with its SO.
    public func salesOrderIndex() -> [SalesOrderRow] {
        orders.values.sorted { $0.number < $1.number }.map {
            SalesOrderRow(
                leafLinkOrderNumber: $0.number, leafLinkShortID: $0.order.shortID, salesOrderID: $0.salesOrderID,
                salesOrderNumber: $0.salesOrderNumber, phase: $0.phase, blockers: $0.blockers)
        }
    }

    /// R-ORD-13: find orders by LL order number, LL short id or SO number (case-insensitive).
    public func searchOrders(_ text: String) -> [SalesOrderRow] {
        let q = text.lowercased()
        return salesOrderIndex().filter {
            $0.leafLinkOrderNumber.lowercased() == q || $0.leafLinkShortID?.lowercased() == q || $0.salesOrderNumber?.lowercased() == q
        }
    }

    /// Why the subject is where it is: its decisions, each naming its rule (R-ENG-04).
    public func explain(_ subject: String) -> [String] { (decisions[subject] ?? []).map(\.description) }
}
