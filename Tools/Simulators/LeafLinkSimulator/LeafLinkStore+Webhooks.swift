import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    // MARK: - Webhook bodies

    func queueOrderWebhook(_ number: String, action: String) {
        guard let o = get(Self.orders, number) else { return }
        outbox.append(WebhookMessage(body: ["type": "order", "action": .string(action), "data": .object(legacyOrder(o))]))
    }

    func queueProductWebhook(_ id: String, action: String) {
        guard let p = get("products", id) else { return }
        outbox.append(WebhookMessage(body: ["type": "product", "action": .string(action), "data": .object(p)]))
    }

    /// The older order shape LeafLink's order webhook uses (see the 2019 capture): plain-string
    /// amounts, `orderedproduct_set`, seller/buyer objects, the full customer record.
    func legacyOrder(_ o: JSONObject) -> JSONObject {
        let number = o["number"]?.stringValue ?? ""
        var d = JSONObject()
        for k in [
            "payment_due_date", "notes", "internal_notes", "user", "external_id_seller", "paid", "ship_date",
            "discount_type", "number", "external_id_buyer", "created_on", "paid_date", "payment_term",
            "shipping_details", "manual", "delivery_preferences", "status", "modified", "classification",
        ] {
            d[k] = o[k] ?? nil
        }
        d["shipping_charge"] = .string(Dec.fixed(Dec.from(o["shipping_charge"]) ?? 0, 2))
        d["discount_amount"] = .string(Dec.fixed(Dec.from(o["discount"]) ?? 0, 4))
        d["total"] = .string(Dec.fixed(Dec.from(o["total"]) ?? 0, 2))
        d["tax_amount"] = .string(Dec.fixed(Dec.from(o["tax_amount"]) ?? 0, 6))
        d["sales_reps"] = .array(
            (o["sales_reps"]?.arrayValue ?? []).map { rep in
                var r = rep.objectValue ?? JSONObject()
                r["email"] = rep["id"]?.intValue.flatMap { get("company-staff", String($0))?["email"] } ?? ""
                return .object(r)
            })
        d["orderedproduct_set"] = .array(
            linesOf(number).map { l in
                let product = l["product"]?.intValue.flatMap { get("products", String($0)) }
                return [
                    "sale_price": .string(Dec.fixed(Dec.from(l["sale_price"]) ?? 0, 2)),
                    "is_sample": l["is_sample"] ?? false, "quantity": l["quantity"] ?? "0.0000",
                    "unit_multiplier": l["unit_multiplier"] ?? 1, "id": l["id"] ?? 0,
                    "product": ["name": product?["name"] ?? "", "sku": product?["sku"] ?? ""],
                    "ordered_unit_price": .string(Dec.fixed(Dec.from(l["ordered_unit_price"]) ?? 0, 2)),
                ]
            })
        d["seller"] = ["id": company["id"] ?? 0, "name": company["name"] ?? "", "licenses": []]
        let customer = o["customer"]?["id"]?.intValue.flatMap { get("customers", String($0)) }
        d["buyer"] = ["id": o["buyer"] ?? 0, "name": customer?["name"] ?? "", "licenses": []]
        d["customer"] = customer.map { .object($0) } ?? (o["customer"] ?? nil)
        return d
    }
}
