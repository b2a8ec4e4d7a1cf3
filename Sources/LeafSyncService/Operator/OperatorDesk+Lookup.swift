import Foundation
import LeafSyncDomain

/// Finding what a person typed: ids, e-mails, SKUs, names, order short ids.
extension SyncState {
    /// A Distru user by id or e-mail (case-insensitive).
    func distruUser(_ text: String) throws(OperatorError) -> DistruUser {
        if let user = users[text] { return user }
        if let user = users.values.sorted(by: { $0.id < $1.id }).first(where: { $0.email.sameAddress(text) }) { return user }
        throw OperatorError(
            field: "user",
            message:
                "no Distru user has the id or e-mail '\(text)'; `leafsync users list` shows the reps and their suggested users (fetch from Distru first if it is empty)"
        )
    }

    /// A LeafLink rep (company staff) by id or e-mail (case-insensitive).
    func rep(_ text: String) throws(OperatorError) -> LeafLinkStaff {
        if let id = Int(text), let rep = staff[id] { return rep }
        if let rep = staff.values.sorted(by: { $0.id < $1.id }).first(where: { $0.email.sameAddress(text) }) { return rep }
        throw OperatorError(
            field: "rep",
            message: "no LeafLink rep has the id or e-mail '\(text)'; `leafsync users list` shows them (fetch from LeafLink first if it is empty)")
    }

    /// A Distru product by id or SKU.
    func distruProduct(_ text: String) throws(OperatorError) -> DistruProduct {
        if let product = distruProducts[text] { return product }
        let bySKU = distruProducts.values.filter { $0.sku?.caseInsensitiveCompare(text) == .orderedSame }.sorted { $0.id < $1.id }
        if let product = bySKU.first { return product }
        throw OperatorError(
            field: "product", message: "no Distru product has the id or SKU '\(text)'; `leafsync products unlinked` lists the unlinked ones")
    }

    /// A LeafLink product by id or SKU.
    func leafLinkProduct(_ text: String) throws(OperatorError) -> LeafLinkProduct {
        if let id = Int(text), let product = leafLinkProducts[id] { return product }
        let bySKU = leafLinkProducts.values.filter { $0.sku?.caseInsensitiveCompare(text) == .orderedSame }.sorted { $0.id < $1.id }
        if let product = bySKU.first { return product }
        throw OperatorError(
            field: "leaflink-product",
            message: "no LeafLink product has the id or SKU '\(text)'; `leafsync products unlinked` lists the unlinked ones")
    }

    /// A LeafLink customer by id or exact name.
    func customer(_ text: String) throws(OperatorError) -> LeafLinkCustomer {
        if let id = Int(text), let customer = leafLinkCustomers[id] { return customer }
        if let customer = leafLinkCustomers.values.sorted(by: { $0.id < $1.id }).first(where: { $0.name.caseInsensitiveCompare(text) == .orderedSame }) {
            return customer
        }
        throw OperatorError(field: "customer", message: "no LeafLink customer has the id or name '\(text)'; `leafsync customers list` shows them")
    }

    /// A Distru company by id or exact name.
    func company(_ text: String) throws(OperatorError) -> DistruCompany {
        if let company = companies[text] { return company }
        if let company = companies.values.sorted(by: { $0.id < $1.id }).first(where: { $0.name.caseInsensitiveCompare(text) == .orderedSame }) {
            return company
        }
        throw OperatorError(field: "company", message: "no Distru company has the id or name '\(text)'; give the company's id as Distru shows it")
    }

    /// A LeafLink order by number or short id.
    func order(_ text: String) throws(OperatorError) -> OrderSync {
        if let order = orders[text] { return order }
        let numbers = orders.numbers(withShortID: text)
        if numbers.count == 1, let order = orders[numbers.first!] { return order }
        if numbers.count > 1 {
            throw OperatorError(field: "order", message: "the short id '\(text)' names \(numbers.count) orders; give the full order number")
        }
        throw OperatorError(field: "order", message: "no LeafLink order has the number or short id '\(text)'; `leafsync orders list` shows them")
    }

    /// A synced Distru SO's id, by SO id, SO number, or the LL order it was made from.
    func salesOrderID(_ text: String) throws(OperatorError) -> String {
        if orderOfSalesOrder[text] != nil { return text }
        if let sync = orders.values.first(where: { $0.salesOrderNumber == text }), let id = sync.salesOrderID { return id }
        if let sync = try? order(text), let id = sync.salesOrderID { return id }
        throw OperatorError(
            field: "sales-order",
            message: "no synced Distru SO has the id or number '\(text)' (nor an LL order with that number); `leafsync orders list` shows each order's SO")
    }
}

extension Optional<String> {
    /// Whether this e-mail address is `other`, ignoring case and surrounding spaces.
    func sameAddress(_ other: String) -> Bool {
        guard let self else { return false }
        return self.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(other.trimmingCharacters(in: .whitespaces)) == .orderedSame
    }
}
