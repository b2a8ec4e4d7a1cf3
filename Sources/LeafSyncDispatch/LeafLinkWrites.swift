import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDomain
import LeafSyncJSON
import NIOHTTP1

/// The LeafLink half of ``CommandExecutor``: products, inventory, payments and order writes.
struct LeafLinkWrites {
    let client: LeafLinkClient

    func execute(_ action: CommandAction, key: String) async throws -> JSONValue {
        switch action {
        case .createLeafLinkProduct(let draft):
            // R-PRD-05: a product with the draft's SKU is one an earlier attempt created: adopt it.
            if let sku = draft.sku, let existing = try await client.product(sku: sku) { return try existing.raw.json() }
            return try await client.createProduct(LeafLinkProductBody.create(draft, seller: try await sellerID())).raw.json()
        case .updateLeafLinkProduct(let id, let changes):
            let raw = try await client.patchProduct(id: id, LeafLinkProductBody.patch(changes)).raw
            return .object(["id": .int(id), "modified": (try? raw.json()["modified"]) ?? .null])
        case .pushLeafLinkInventory(let id, let quantity):
            let raw = try await client.setProductQuantity(id: id, quantity).raw
            return .object(["id": .int(id), "quantity": (try? raw.json()["quantity"]) ?? .null])
        case .postLeafLinkPayment(let draft):
            return try await postPayment(draft, key: key)
        case .transitionLeafLinkOrder(let number, let transition):
            return try await advance(number, transition)
        case .setLeafLinkShipDate(let number, let date):
            _ = try await client.setShipDate(order: number, date)
            return .object(["number": .string(number), "ship_date": .string(date)])
        case .setLeafLinkExternalIDs(let number, let ids):
            // `external_ids` is written whole: keep the ids others put there.
            let current = try await client.order(number: number).value.externalIds ?? [:]
            _ = try await client.setExternalIDs(order: number, current.merging(ids) { $1 })
            return .object(["number": .string(number)])
        default:
            throw AttemptFailure(kind: "invalidRequest", message: "not a LeafLink command: \(action.name)", retryable: false)
        }
    }

    /// The seller company's id, as LeafLink shows it on the company's products.
    private func sellerID() async throws -> Int {
        let page = try await client.send(.GET, "products/", query: [("limit", "1")])
        let first = try JSONParser.parse(page.body)["results"]?.array?.first
        guard let seller = first?["seller"]?.int else {
            throw AttemptFailure(
                kind: "conflict",
                message: "LeafLink lists no product to learn the seller company from; create the first product in LeafLink by hand",
                retryable: false)
        }
        return seller
    }

    /// R-PAY-01/02: posts the payment unless the order already has one carrying `key` (an
    /// earlier attempt that landed before its outcome was logged).
    private func postPayment(_ draft: LeafLinkPaymentDraft, key: String) async throws -> JSONValue {
        if let landed = try await client.orderPayments(order: draft.orderNumber).first(where: { $0.value.leafSyncKey == key }) {
            return .object(["id": .int(landed.value.id), "adopted": true])
        }
        guard let recordedBy = draft.recordedBy else {
            throw AttemptFailure(
                kind: "invalidRequest",
                message: "LeafLink needs `recorded_by` (a staff id) on a payment, and the SO owner of order \(draft.orderNumber) maps to no LeafLink rep: map the rep (R-USR-01) and retry",
                retryable: false)
        }
        let body = OrderPaymentCreate(
            order: draft.orderNumber, recordedBy: recordedBy, total: draft.amount.amount, paymentDate: draft.paymentDate, leafSyncKey: key)
        let created = try await client.createOrderPayment(body)
        return .object(["id": .int(created.value.id)])
    }

    /// R-UPD-08: a transition is sent only when the order is not already at (or past) its target.
    private func advance(_ number: String, _ transition: LeafLinkTransition) async throws -> JSONValue {
        let current = try await client.order(number: number).value.status
        let target = LeafLinkOrderStatus(transition.targetState)
        if let current, current == target || (current.progress ?? -1) >= (target.progress ?? Int.max) {
            return .object(["number": .string(number), "status": .string(current.rawValue), "already": true])
        }
        guard let action = OrderTransition(rawValue: transition.rawValue) else {
            throw AttemptFailure(kind: "invalidRequest", message: "LeafLink has no transition `\(transition.rawValue)`", retryable: false)
        }
        let order = try await client.transition(order: number, action).value
        return .object(["number": .string(number), "status": .string(order.status?.rawValue ?? target.rawValue)])
    }
}
