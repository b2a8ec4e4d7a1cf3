import Foundation

/// Records deleted in Distru (`distru.<kind>.deleted`).
extension Reduction {
    mutating func distruDeleted(kind: String, id: String) {
        switch kind {
        case "order": salesOrderDeletedInDistru(id)
        case "invoice": invoiceDeleted(id)
        case "payment", "invoice-payment", "invoice_payment": reversePayment(id)
        case "product":
            state.distruProducts[id] = nil
            if state.links[id] != nil { unlink(distruID: id) }
        case "inventory":
            // `<product_id>:<location_id>`: the row is gone, nothing is available there any more.
            let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { state.inventory[parts[0]]?[parts[1]] = nil }
        case "company": state.companies[id] = nil
        case "user":
            state.users[id] = nil
        case "tax": state.taxes[id] = nil
        case "location": state.locations[id] = nil
        default: break
        }
    }
}
