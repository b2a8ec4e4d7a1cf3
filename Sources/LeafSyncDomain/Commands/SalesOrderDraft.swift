public import Foundation
import LeafSyncJSON

/// A Distru sales order to create from a LeafLink order.
public struct SalesOrderDraft: Equatable, Sendable {
    /// R-ORD-13: kept on the SO, searchable.
    public var leafLinkOrderNumber: String
    public var leafLinkShortID: String?
    /// R-ORD-02.
    public var companyID: String?
    /// R-CUS-02: set only when the company has exactly one location.
    public var billingLocationID: String?
    public var shippingLocationID: String?
    /// R-ORD-03: the inventory source.
    public var locationID: String?
    /// R-ORD-04.
    public var ownerID: String?
    public var status: DistruOrderStatus
    public var orderDate: String?
    /// R-ORD-07.
    public var internalNotes: String?
    public var externalNotes: String?
    /// R-ORD-10/14: one SO line per LL line (negative-price lines excluded, R-ORD-09).
    public var items: [SalesOrderLine]
    /// R-ORD-06/08/09: credit, discount, shipping and negative-price lines.
    public var charges: [SalesOrderCharge]
    /// R-ORD-05 (the tax is also among `charges`, as the charge that applies it).
    public var taxID: String?
}

/// One SO line.
public struct SalesOrderLine: Equatable, Sendable {
    public var leafLinkLineID: Int
    public var productID: String
    /// Units (not cases).
    public var quantity: Decimal
    /// Price of one unit (R-ORD-14).
    public var unitPrice: Money
    public var isSample: Bool
    public var note: String?
}

/// One SO charge or discount.
public struct SalesOrderCharge: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case charge = "CHARGE", discount = "DISCOUNT" }
    public enum Unit: String, Equatable, Sendable { case percent = "PERCENT", price = "PRICE" }

    public var name: String
    public var kind: Kind
    public var unit: Unit
    /// A percentage for `.percent`, dollars for `.price` (always positive).
    public var value: Decimal
    /// LeafLink credits are not editable in Distru (R-ORD-06).
    public var editable: Bool
    /// R-ORD-05: the Distru tax this charge applies (a percentage charge naming the tax).
    public var taxID: String? = nil
}

/// A sparse SO update; `nil` parts are left as they are.
public struct SalesOrderChanges: Equatable, Sendable {
    public var items: [SalesOrderLine]?
    public var charges: [SalesOrderCharge]?
    public var internalNotes: String??
    public var externalNotes: String??

    public var isEmpty: Bool { items == nil && charges == nil && internalNotes == nil && externalNotes == nil }

    /// A canonical text of the changes, field by field, for idempotency keys: the same changes
    /// give the same text in every build (unlike `String(describing:)`, whose format is the
    /// runtime's to change).
    public var canonicalText: String {
        var out = ""
        func field(_ name: String, _ value: String?) {
            out += name
            if let value { out += "=" + (value.utf8.contains(UInt8(ascii: "|")) ? value.replacingOccurrences(of: "|", with: "||") : value) }
            out += "|"
        }
        if let items {
            out += "items:"
            for l in items {
                field("line", String(l.leafLinkLineID)); field("product", l.productID); field("qty", DecimalText.plain(l.quantity))
                field("price", DecimalText.plain(l.unitPrice.amount)); field("sample", l.isSample ? "1" : "0"); field("note", l.note)
            }
        }
        if let charges {
            out += "charges:"
            for c in charges {
                field("name", c.name); field("kind", c.kind.rawValue); field("unit", c.unit.rawValue)
                field("value", DecimalText.plain(c.value)); field("editable", c.editable ? "1" : "0")
                if let tax = c.taxID { field("tax", tax) }
            }
        }
        if let internalNotes { field("internal", internalNotes) }
        if let externalNotes { field("external", externalNotes) }
        return out
    }
}
