import Foundation
import LeafSyncDomain

/// Metrc actions (R-MTC-01, R-MTC-03): the SO, the transfer and the lines a person names are
/// found first (an unknown one throws an ``OperatorError`` and nothing is recorded); what only
/// the engine can judge (an SO whose lines have no packages, a voided transfer, a package not on
/// the transfer) comes back as the reducer's refusal in ``Recorded/refusal``.
extension OperatorDesk {
    /// R-MTC-01: ask for a Metrc outgoing transfer template from an SO (its id or number, or the
    /// LL order it was made from): named after the SO number, to the customer's licence, with the
    /// packages assigned to its lines in Distru. The template id, or Metrc's error, is recorded on
    /// the SO (`metrc_sales_orders`).
    public func metrcTemplate(so: String) async throws -> Recorded {
        let s = try await state()
        let order = try s.metrcSalesOrder(so)
        return try await recorded(
            [.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: order.id))],
            summary: "request a Metrc transfer template for SO \(order.orderNumber ?? order.id)", before: s)
    }

    /// R-MTC-03: match an SO to a Metrc transfer by hand, giving each line of the SO one or more
    /// package labels of the transfer. A line is named by its Distru item id or its 1-based
    /// position on the SO; the transfer by its Metrc `Id` or its manifest number.
    public func metrcMatch(so: String, transfer: String, lines: [(line: String, labels: [String])]) async throws -> Recorded {
        let s = try await state()
        let order = try s.metrcSalesOrder(so)
        let name = order.orderNumber ?? order.id
        let t = try s.metrcTransfer(transfer)
        guard !lines.isEmpty else {
            throw OperatorError(
                field: "line",
                message: "give each line of SO \(name) its packages: --line LINE=LABEL[,LABEL…] (lines: \(s.lineList(order)))")
        }
        var assignments: [PackageAssignment] = []
        for (line, labels) in lines {
            let id = try s.lineID(line, of: order)
            guard !labels.isEmpty else {
                throw OperatorError(
                    field: "line",
                    message: "line \(line) of SO \(name) gets no package label; give one or more: --line \(line)=LABEL[,LABEL…]")
            }
            if let i = assignments.firstIndex(where: { $0.lineID == id }) {
                assignments[i].packageLabels += labels
            } else {
                assignments.append(PackageAssignment(lineID: id, packageLabels: labels))
            }
        }
        let count = assignments.reduce(0) { $0 + $1.packageLabels.count }
        return try await recorded(
            [.matchMetrcTransfer(salesOrderID: order.id, transferID: t.id, packages: assignments)],
            summary: "match SO \(name) to Metrc transfer \(t.displayName) with \(count) package(s) on \(assignments.count) line(s)",
            before: s)
    }
}

extension SyncState {
    /// A Distru SO fetched from Distru, by id or SO number, or the SO of an LL order.
    func metrcSalesOrder(_ text: String) throws(OperatorError) -> DistruOrder {
        if let so = salesOrders[text] { return so }
        if let so = salesOrders.values.sorted(by: { $0.id < $1.id }).first(where: {
            $0.orderNumber?.caseInsensitiveCompare(text) == .orderedSame
        }) {
            return so
        }
        if let id = try? salesOrderID(text), let so = salesOrders[id] { return so }
        throw OperatorError(
            field: "sales-order",
            message:
                "no Distru SO has the id or number '\(text)' (nor an LL order with that number); it must have been fetched from Distru: `leafsync orders list` shows each order's SO"
        )
    }

    /// An observed Metrc transfer by its `Id` or manifest number.
    func metrcTransfer(_ text: String) throws(OperatorError) -> MetrcTransfer {
        if let t = metrcTransfers[text] { return t }
        if let t = metrcTransfers.values.sorted(by: { $0.id < $1.id }).first(where: { $0.manifestNumber == text }) { return t }
        throw OperatorError(
            field: "transfer",
            message:
                "no Metrc transfer with the id or manifest number '\(text)' has been observed; check it in Metrc, or wait for the next Metrc poll"
        )
    }

    /// The Distru item id of a line named by its id or its 1-based position on `so`.
    func lineID(_ text: String, of so: DistruOrder) throws(OperatorError) -> String {
        let ids = so.items.compactMap(\.id)
        if ids.contains(text) { return text }
        if let n = Int(text), n >= 1, n <= so.items.count, let id = so.items[n - 1].id { return id }
        throw OperatorError(
            field: "line",
            message: "SO \(so.orderNumber ?? so.id) has no line '\(text)'; its lines are \(lineList(so)) (a position or an item id)")
    }

    /// `1: <item id> (<product>), 2: …`.
    func lineList(_ so: DistruOrder) -> String {
        so.items.enumerated().map { i, item in
            "\(i + 1): \(item.id ?? "(no id)")" + (item.productID.flatMap { distruProducts[$0]?.name }.map { " (\($0))" } ?? "")
        }.joined(separator: ", ")
    }
}
