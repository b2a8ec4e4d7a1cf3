import Foundation
import LeafSyncJSON
import NIOHTTP1

/// Chapters 11–13 and 15: statuses, payments, deletion with rejection, sync-error e-mail.
extension DemoStory {
    func statuses() async throws {
        let number = DemoSeed.Order.goodVibrations
        let so = try await salesOrder(of: number, "order \(number.suffix(8)) has its SO") { _ in true }
        session.act("seller in LeafLink accepts order \(number.suffix(8))")
        try await session.inLeafLink(.POST, "seller/orders/\(number)/accept")
        let before = try await session.distru("orders/\(so)")["status"]?.stringValue ?? "?"
        try await session.expect("the SO's status follows LeafLink's Accepted (was \(before))") { () -> Bool? in
            let status = try await session.distru("orders/\(so)")["status"]?.stringValue
            return status != nil && status != "PENDING" ? true : nil
        }
        session.act("Distru user fulfils every line and completes the SO")
        let items = try await session.distru("orders/\(so)")["items"]?.array ?? []
        for item in items where item["fulfilled"]?.boolValue != true {
            if let id = item["id"]?.stringValue { _ = try? await session.inDistru(.POST, "orders/\(so)/fulfill", ["item_id": .string(id)]) }
        }
        try await session.inDistru(.POST, "orders/\(so)/status", ["status": "COMPLETED"])
        try await session.expect("LeafLink's order walks Accepted → Fulfilled → Shipped → Complete") { () -> Bool? in
            try await session.leafLink("orders-received/\(number)/")["status"]?.stringValue == "Complete" ? true : nil
        }
    }

    func payments() async throws {
        let number = DemoSeed.Order.goodVibrations
        let so = try await salesOrder(of: number, "order \(number.suffix(8)) has its SO") { _ in true }
        session.act("Distru user invoices SO \(so.prefix(8)) and records a $120.00 payment")
        let invoice = try await session.inDistru(.POST, "invoices", ["order_id": .string(so), "total": "312.00"])
        guard let invoiceID = invoice["id"]?.stringValue else { throw DemoError("Distru made no invoice: \(invoice.text)") }
        let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(1))
        let payment = try await session.inDistru(.POST, "invoices/\(invoiceID)/payments", ["amount": "120.00", "payment_datetime": .string(when)])
        guard let paymentID = payment["payments"]?.array?.last?["id"]?.stringValue ?? payment["id"]?.stringValue else {
            throw DemoError("Distru recorded no payment: \(payment.text)")
        }
        try await session.expect("LeafLink's order has a $120.00 payment") { try await leafLinkPayments(number).contains(120) ? true : nil }
        session.act("Distru user deletes the payment")
        try await session.inDistru(.DELETE, "invoices/\(invoiceID)/payments/\(paymentID)")
        try await session.expect("LeafLink's order has a -$120.00 payment beside it (LeafLink payments cannot be deleted)") { () -> Bool? in
            try await leafLinkPayments(number).contains(-120) ? true : nil
        }
    }

    func deleteWithRejection() async throws {
        let number = DemoSeed.Order.mountainMedicinals
        let so = try await salesOrder(of: number, "order \(number.suffix(8)) has its SO") { _ in true }
        session.act("operator: orders delete \(so.prefix(8)) --reject (the buyer called it off)")
        try await session.operate(.POST, "sales-orders/delete", ["salesOrder": .string(so), "reject": "true"])
        try await session.expect("the SO is gone from Distru and the LeafLink order is Rejected") { () -> Bool? in
            let gone = try await session.distruStatus("orders/\(so)") == 404
            let status = try await session.leafLink("orders-received/\(number)/")["status"]?.stringValue
            return gone && status == "Rejected" ? true : nil
        }
        outcome.update { $0.rejected = number }
    }

    func errorMail() async throws {
        let outbox = URL(fileURLWithPath: session.endpoints.outbox)
        let count = try await session.expect("the outbox holds the sync-error e-mails, one naming rep 502, one the refused edit (also to the operator's recipient)") { () -> Int? in
            let files = (try? FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)) ?? []
            let mails = files.filter { $0.pathExtension == "eml" }
            let texts = mails.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
            let rep = texts.contains { $0.contains("rep 502") }
            let edit = texts.contains { $0.contains("R-UPD-01") && $0.contains(DemoSeed.errorRecipient) }
            return rep && edit ? mails.count : nil
        }
        outcome.update { $0.emails = count }
    }

    /// The amounts of a LeafLink order's payments.
    func leafLinkPayments(_ number: String) async throws -> [Decimal] {
        (try await session.leafLink("orders-received/\(number)/payments/").array ?? []).compactMap { $0["total"]?.decimal ?? $0["amount"]?.decimal }
    }
}
