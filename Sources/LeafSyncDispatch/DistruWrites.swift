import DistruAPI
import Foundation
import HTTPClientSupport
import LeafSyncDomain
import LeafSyncJSON

/// The Distru half of ``CommandExecutor``: sales orders and products.
struct DistruWrites {
    let client: DistruClient

    func execute(_ action: CommandAction) async throws -> JSONValue {
        switch action {
        case .createSalesOrder(let draft):
            // R-ORD-15: the SO lives under our deterministic id; if it is there, a previous
            // attempt landed and is adopted instead of written again.
            let id = DeterministicID.salesOrder(forLeafLinkOrder: draft.leafLinkOrderNumber)
            if let existing = try await existingOrder(id: id) { return Self.summary(existing) }
            return Self.summary(try await client.createOrder(forLeafLinkOrder: draft.leafLinkOrderNumber, Self.write(draft)).raw)
        case .updateSalesOrder(let id, let changes):
            var write = DistruOrderWrite(id: id)
            if let items = changes.items { write.items = items.map(Self.item) }
            if let charges = changes.charges { write.charges = charges.map(Self.charge) }
            if let notes = changes.internalNotes { write.internalNotes = notes ?? "" }
            if let notes = changes.externalNotes { write.externalNotes = notes ?? "" }
            return Self.summary(try await client.upsertOrder(write).raw)
        case .setSalesOrderStatus(let id, let status):
            var write = DistruOrderWrite(id: id)
            write.status = SalesOrderStatus(rawValue: status.rawValue)
            return Self.summary(try await client.upsertOrder(write).raw)
        case .completeSalesOrder(let id, let transfer, _):
            var write = DistruOrderWrite(id: id)
            write.status = .completed
            write.extra["metrc_transfer_id"] = .string(transfer)
            return Self.summary(try await client.upsertOrder(write).raw)
        case .deleteSalesOrder(let id):
            try await client.deleteOrder(id: id)
            return .object(["id": .string(id), "deleted": true])
        case .setDistruSalePrice(let id, let price):
            var write = DistruProductWrite(id: id)
            write.unitPrice = price.amount
            let raw = try await client.upsertProduct(write).raw
            return .object(["id": .string(id), "unit_price": (try? raw.json()["unit_price"]) ?? .null])
        default:
            throw AttemptFailure(kind: "invalidRequest", message: "not a Distru command: \(action.name)", retryable: false)
        }
    }

    /// The order under `id`, or nil when Distru answers 404.
    private func existingOrder(id: String) async throws -> RawRecord? {
        do {
            return try await client.order(id: id).raw
        } catch let error as APIError where error.status == 404 {
            return nil
        }
    }

    /// What the reducer reads from an SO answer: its id and number (R-ORD-13).
    static func summary(_ raw: RawRecord) -> JSONValue {
        let json = (try? raw.json()) ?? .null
        return .object(["id": json["id"] ?? .null, "order_number": json["order_number"] ?? .null, "status": json["status"] ?? .null])
    }

    /// The create body for a draft (R-ORD-02…14). Tax (R-ORD-05) is among the draft's charges: a
    /// percentage charge naming the Distru tax, the way Distru applies an order-level tax.
    static func write(_ draft: SalesOrderDraft) -> DistruOrderWrite {
        var w = DistruOrderWrite()
        w.status = SalesOrderStatus(rawValue: draft.status.rawValue)
        w.companyID = draft.companyID
        w.ownerID = draft.ownerID
        w.locationID = draft.locationID
        w.billingLocationID = draft.billingLocationID
        w.shippingLocationID = draft.shippingLocationID
        w.internalNotes = draft.internalNotes
        w.externalNotes = draft.externalNotes
        w.items = draft.items.map(item)
        w.charges = draft.charges.map(charge)  // the tax (R-ORD-05) among them
        w.leaflinkID = draft.leafLinkOrderNumber
        w.leaflinkOrderNumber = draft.leafLinkOrderNumber
        if let date = draft.orderDate { w.extra["order_datetime"] = .string(date) }
        return w
    }

    static func item(_ line: SalesOrderLine) -> DistruOrderWrite.Item {
        DistruOrderWrite.Item(
            productID: line.productID, quantity: line.quantity, price: line.unitPrice.amount, isSample: line.isSample, note: line.note,
            leaflinkID: String(line.leafLinkLineID))
    }

    static func charge(_ c: SalesOrderCharge) -> DistruOrderWrite.Charge {
        DistruOrderWrite.Charge(
            name: c.name, type: c.kind.rawValue, unitType: c.unit.rawValue,
            percent: c.unit == .percent ? c.value : nil, price: c.unit == .price ? c.value : nil, taxID: c.taxID)
    }
}
