import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

extension LeafLinkStore {
    // MARK: - Payments

    /// `POST /order-payments/`: requires order, recorded_by, total, payment_date. The amount
    /// may be negative (a reversal: the seed turns a deleted Distru payment into one); `reason`
    /// is stored and returned as sent.
    func createPayment(_ body: JSONObject) throws(SimError) -> JSONObject {
        for f in ["order", "recorded_by", "total", "payment_date"] where body[f] == nil || body[f]!.isNull {
            throw .field(f, "This field is required.")
        }
        let number = body["order"]!.stringValue ?? ""
        guard get(Self.orders, number) != nil else { throw .field("order", "Invalid pk \"\(number)\" - object does not exist.") }
        guard let staffID = body["recorded_by"]?.intValue, let staff = get("company-staff", String(staffID)) else {
            throw .field("recorded_by", "Invalid pk - object does not exist.")
        }
        guard let amount = Dec.from(body["total"]) else { throw .field("total", "A valid number is required.") }
        let type = body["payment_type"]?.stringValue ?? "other"
        guard ["other", "cash", "check", "credit", "trade", "ach", "wire", "cashier"].contains(type) else {
            throw .field("payment_type", "\"\(type)\" is not a valid choice.")
        }
        let id = newID()
        let stamp = now()
        var pay = Templates.payment
        pay["id"] = .int(id)
        pay["created_on"] = .string(stamp)
        pay["modified"] = .string(stamp)
        pay["order"] = .string(number)
        pay["recorded_by"] = .int(staffID)
        pay["recorder_name"] = staff["display_name"] ?? ""
        pay["total"] = Dec.money(amount)
        pay["payment_date"] = body["payment_date"]!
        pay["reason"] = body["reason"] ?? ""
        pay["payment_type"] = .string(type)
        put("order-payments", String(id), pay)
        recompute(number)
        queueOrderWebhook(number, action: "edit")
        return pay
    }

    /// `GET /orders-received/{number}/payments/`: the order's payments, oldest first.
    func payments(of number: String) -> [JSONObject] {
        all("order-payments").filter { $0["order"]?.stringValue == number }
    }
}
