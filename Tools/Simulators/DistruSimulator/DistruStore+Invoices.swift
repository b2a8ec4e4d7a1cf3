import DistruAPI
import Foundation
public import LeafSyncJSON

/// Invoices of sales orders and their payments. `paid_amount` is the sum of payments and
/// `status` follows it: UNPAID, PARTIALLY_PAID, PAID.
extension DistruStore {
    /// Creates or updates an invoice (`POST /invoices {"invoice": …}`); a new one needs `order_id`
    /// and takes the order's total.
    public func upsertInvoice(_ b: JSONObject, id queryID: String? = nil) throws(DistruSimError) -> JSONObject {
        let id = try writeTarget("invoices", body: b, queryID: queryID)
        let before = tables["invoices"]?[id]
        var inv: JSONObject
        if let before {
            inv = before
        } else {
            guard let oid = W.id(b["order_id"]) else { throw .invalid("can't be blank", "order_id") }
            guard let order = tables["orders"]?[oid] else { throw .invalid("order \(oid) not found", "order_id") }
            invoiceCounter += 1
            inv = JSONObject([
                ("id", .string(id)), ("invoice_number", .string("INV-\(invoiceCounter)")), ("status", "UNPAID"),
                ("order", .object(JSONObject([("id", .string(oid)), ("order_number", order["order_number"] ?? .null)]))),
                ("total", order["total"] ?? "0.000000"), ("paid_amount", "0.000000"), ("payments", []), ("updated_datetime", .null),
            ])
            var o = order
            o["invoices"] = .array(
                (o["invoices"]?.arrayValue ?? []) + [
                    .object(JSONObject([("id", .string(id)), ("invoice_number", inv["invoice_number"]!)]))
                ])
            o["updated_datetime"] = tick()
            tables["orders"]![oid] = o
            notify("ORDER", "UPDATE", id: oid, before: order, after: o)
        }
        if let n = b["invoice_number"]?.stringValue { inv["invoice_number"] = .string(n) }
        if let t = b["total"] {
            guard let d = W.dec(t) else { throw .invalid("is not a valid decimal", "total") }
            inv["total"] = W.text(d)
        }
        return save(invoice: inv, before: before)
    }

    /// `POST /invoices/{id}/payments {"payment": {amount, payment_datetime, payment_method_id,
    /// description}}` (the SDK's `payment_date`, `payment_method`, `notes` too). Returns the invoice.
    public func addPayment(invoice id: String, _ b: JSONObject) throws(DistruSimError) -> JSONObject {
        let before = try require("invoices", id)
        guard let amount = W.dec(b["amount"]) else { throw .invalid("is not a valid decimal", "payment", "amount") }
        guard amount > 0 else { throw .invalid("must be greater than 0", "payment", "amount") }
        let whenText = (b["payment_datetime"] ?? b["payment_date"])?.stringValue
        guard let when = whenText.map({ DistruTimestamp($0) ?? DistruTimestamp($0 + "T00:00:00Z") }) ?? DistruTimestamp.now else {
            throw .invalid("is not a valid datetime", "payment", "payment_datetime")
        }
        let method = W.id(b["payment_method_id"]) ?? W.id(b["payment_method"])
        let payment = JSONObject([
            ("id", .string(UUID().uuidString.lowercased())), ("amount", W.text(amount)), ("payment_datetime", .string(when.text)),
            ("payment_method", method.map { .object(JSONObject([("id", .string($0)), ("name", .string($0))])) } ?? .null),
            ("description", b["description"] ?? b["notes"] ?? .null),
        ])
        var inv = before
        inv["payments"] = .array((inv["payments"]?.arrayValue ?? []) + [.object(payment)])
        return save(invoice: inv, before: before)
    }

    /// Control: removes a payment.
    public func deletePayment(invoice id: String, payment pid: String) throws(DistruSimError) -> JSONObject {
        let before = try require("invoices", id)
        let payments = before["payments"]?.arrayValue ?? []
        guard payments.contains(where: { W.id($0["id"]) == pid }) else { throw .notFound("payment") }
        var inv = before
        inv["payments"] = .array(payments.filter { W.id($0["id"]) != pid })
        return save(invoice: inv, before: before)
    }

    func save(invoice: JSONObject, before: JSONObject?) -> JSONObject {
        var inv = invoice
        let paid = (inv["payments"]?.arrayValue ?? []).reduce(Decimal(0)) { $0 + (W.dec($1["amount"]) ?? 0) }
        let total = W.dec(inv["total"]) ?? 0
        inv["paid_amount"] = W.text(paid)
        inv["status"] = paid <= 0 ? "UNPAID" : (paid >= total ? "PAID" : "PARTIALLY_PAID")
        inv["updated_datetime"] = tick()
        let id = W.id(inv["id"])!
        tables["invoices", default: Table()][id] = inv
        notify("INVOICE", before == nil ? "CREATE" : "UPDATE", id: id, before: before, after: inv)
        return inv
    }
}
