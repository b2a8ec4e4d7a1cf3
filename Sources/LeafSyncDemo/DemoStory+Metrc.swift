import Foundation
import LeafSyncJSON
import NIOHTTP1

/// Chapter 14: a Metrc transfer completes an order (R-MTC-01, R-MTC-02).
extension DemoStory {
    func metrcTransfer() async throws {
        session.act("buyer at Good Vibrations orders a case of dark bars; rep Maria")
        let number = try await placeOrder(
            customer: DemoSeed.Customer.goodVibrations, reps: [DemoSeed.Rep.maria], lines: [(DemoSeed.Listing.darkBar, 12)])
        outcome.update { $0.metrcOrder = number }
        let so = try await salesOrder(of: number, "order \(number.suffix(8)) has its SO") { _ in true }
        session.act(
            "seller in Distru tracks the dark bar by Metrc package, and packs the line in package …\(DemoSeed.Metrc.darkBarPackage.suffix(4))"
        )
        try await session.inDistru(.POST, "products/\(DemoSeed.Product.darkBar)", ["inventory_tracking_method": "PACKAGE"])
        for item in try await session.distru("orders/\(so)")["items"]?.array ?? [] {
            try await session.inDistru(
                .POST, "orders/\(so)/fulfill",
                ["item_id": item["id"] ?? .null, "package": ["id": "metrc-410301", "label": .string(DemoSeed.Metrc.darkBarPackage)]])
        }
        let soNumber = try await session.distru("orders/\(so)")["order_number"]?.stringValue ?? so
        session.act("operator: metrc template \(soNumber)")
        // Refused ("no Metrc package") until LeafSync has seen the packed line: the operator asks again.
        try await session.expect("LeafSync accepts the request once it has seen the package") { () -> Bool? in
            try await session.operate(.POST, "metrc/template", ["salesOrder": .string(so)])
            return true
        }
        let template = try await session.expect(
            "Metrc has template \(soNumber): invoice \(soNumber), to Good Vibrations' licence, the package priced"
        ) {
            () -> String? in
            let templates = try await session.inMetrc(.GET, "templates").array ?? []
            guard let t = templates.first(where: { $0["Name"]?.stringValue == soNumber }), let id = t["Id"]?.idText else { return nil }
            let destination = t["Destinations"]?.array?.first
            guard destination?["InvoiceNumber"]?.stringValue == soNumber,
                destination?["Packages"]?.array?.first?["PackageLabel"]?.stringValue == DemoSeed.Metrc.darkBarPackage
            else { throw DemoError("template \(id) is not as requested: \(t.text)") }
            return id
        }
        session.act("a person in Metrc registers the transfer from template \(template)")
        let transfer = try await session.inMetrc(.POST, "templates/\(template)/transfer")
        guard let transferID = transfer["Id"]?.idText else { throw DemoError("Metrc made no transfer: \(transfer.text)") }
        outcome.update { $0.metrcTransfer = transferID }
        try await session.expect(
            "LeafSync matches transfer \(transferID) by its template: SO \(soNumber) COMPLETED in Distru, linked to it"
        ) { () -> Bool? in
            let order = try await session.distru("orders/\(so)")
            return order["status"]?.stringValue == "COMPLETED" && order["metrc_transfer_id"]?.idText == transferID ? true : nil
        }
        try await session.expect("LeafLink's order walks Accepted → Fulfilled → Shipped → Complete") { () -> Bool? in
            try await session.leafLink("orders-received/\(number)/")["status"]?.stringValue == "Complete" ? true : nil
        }
    }
}

extension JSONValue {
    /// An id sent as a JSON number or a string, as text.
    var idText: String? {
        switch self {
        case .number(let text), .string(let text): text
        default: nil
        }
    }
}
