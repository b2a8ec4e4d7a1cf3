import Foundation

/// Metrc transfers (R-MTC): templates, automatic and manual matching, completion.
extension Reduction {
    mutating func requestMetrcTemplate(_ r: MetrcTemplateRequest) {
        let subject = "distru-order:\(r.salesOrderID)"
        guard let so = state.salesOrders[r.salesOrderID], let soNumber = so.orderNumber else {
            refuse(subject, "R-MTC-01", "SO \(r.salesOrderID) has not been fetched from Distru yet; request the template once it is")
            return
        }
        let license = so.companyID.flatMap { state.companies[$0]?.licenseNumbers.first }
        let draft = MetrcTemplateDraft(
            name: soNumber, salesOrderID: so.id, recipientLicense: license, invoiceNumber: soNumber,
            transporterLicense: r.transporterLicense, driverName: r.driverName,
            estimatedDeparture: r.estimatedDeparture, estimatedArrival: r.estimatedArrival,
            packageLabels: so.items.compactMap(\.packageLabel)
        )
        emit(key: "metrc-template:\(so.id)", subject: subject, rule: "R-MTC-01", .createMetrcTemplate(draft))
    }

    /// R-MTC-02: match by originating template, then invoice number = SO number, then package labels.
    mutating func observeTransfer(_ t: MetrcTransfer) {
        state.metrcTransfers[t.id] = t
        guard !t.isVoided else {
            if let so = state.metrcMatches.sorted(by: { $0.key < $1.key }).first(where: { $0.value == t.id })?.key {
                // Re-checked on every change of the transfer: a voided match is for a person to look at.
                state.metrcMatches[so] = nil
                raise(
                    subject: "distru-order:\(so)", rule: "R-MTC-02",
                    message:
                        "R-MTC-02: Metrc transfer \(t.manifestNumber ?? t.id) matched to SO \(state.salesOrders[so]?.orderNumber ?? so) was voided in Metrc",
                    fix: "Check the SO in Distru and LeafLink; register a new transfer in Metrc from its template or match one by hand.")
            } else {
                note("metrc-transfer:\(t.id)", "R-MTC-02", "transfer \(t.id) is voided: not matched")
            }
            return
        }
        guard !state.metrcMatches.values.contains(t.id) else { return }
        let open = state.salesOrders.values
            .filter { state.metrcMatches[$0.id] == nil && $0.status != .canceled && $0.status != .completed }
            .sorted { $0.id < $1.id }
        let labels = t.packageLabels
        let invoices = Set(t.deliveries.compactMap(\.invoiceNumber))
        let byTemplate = open.filter { so in t.originatingTemplateID != nil && state.metrcTemplates[so.id] == t.originatingTemplateID }
        let byInvoice = open.filter { so in so.orderNumber.map(invoices.contains) ?? false }
        let byPackages = open.filter { so in !labels.isEmpty && so.items.contains { $0.packageLabel.map(labels.contains) ?? false } }
        for (candidates, how) in [(byTemplate, "its template"), (byInvoice, "the invoice number"), (byPackages, "package labels")]
        where candidates.count == 1 {
            completeWithTransfer(so: candidates[0].id, transfer: t.id, packages: [], rule: "R-MTC-02", how: how)
            return
        }
    }

    /// R-MTC-03: the operator's match, with packages per line.
    mutating func manualMetrcMatch(so: String, transfer: String, packages: [PackageAssignment]) {
        guard state.orderOfSalesOrder[so] != nil else {
            refuse("distru-order:\(so)", "R-MTC-03", "SO \(so) is not a synced LeafLink order")
            return
        }
        completeWithTransfer(so: so, transfer: transfer, packages: packages, rule: "R-MTC-03", how: "the operator's match")
    }

    private mutating func completeWithTransfer(so: String, transfer: String, packages: [PackageAssignment], rule: String, how: String) {
        state.metrcMatches[so] = transfer
        emit(
            key: "distru-so-complete:\(so):\(transfer)", subject: "distru-order:\(so)", rule: rule,
            .completeSalesOrder(salesOrderID: so, metrcTransferID: transfer, packages: packages))
        note("distru-order:\(so)", rule, "matched to Metrc transfer \(transfer) by \(how): SO completed in Distru and LeafLink")
        guard let number = state.orderOfSalesOrder[so], var sync = state.orders[number] else { return }
        sync.salesOrderStatus = .completed
        state.orders[number] = sync
        pushStatusToLeafLink(number: number, status: .completed)
    }
}
