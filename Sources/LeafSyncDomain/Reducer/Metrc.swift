import Foundation
import LeafSyncJSON
import LeafSyncLog

/// Metrc transfers (R-MTC): templates from SOs, automatic and manual matching, completion, undo.
///
/// - A template request (R-MTC-01) becomes a ``MetrcTemplateDraft`` built from the SO alone, or a
///   refusal that says what to fix; the command's outcome records the template id, or the error,
///   on the SO (``SyncState/metrcTemplates``, ``SyncState/metrcTemplateErrors``).
/// - Every observation of a transfer (a new one, or a `LastModified` change) is checked again
///   (R-MTC-02): an unmatched one is matched in the priority of the Metrc wire facts, a matched
///   one that was voided or had packages rejected is undone.
/// - A manual match (R-MTC-03) is checked against the observed transfer before it completes.
extension Reduction {
    // MARK: R-MTC-01 templates

    mutating func requestMetrcTemplate(_ r: MetrcTemplateRequest) {
        let subject = "distru-order:\(r.salesOrderID)"
        switch metrcTemplateDraft(r) {
        case .success(let draft):
            state.metrcTemplateErrors[draft.salesOrderID] = nil
            emit(key: Self.templateKey(draft.salesOrderID), subject: subject, rule: "R-MTC-01", .createMetrcTemplate(draft))
            note(subject, "R-MTC-01", "Metrc template \(draft.name) requested for \(draft.recipientLicense) with \(draft.packages.count) package(s)")
        case .failure(let refusal):
            refuse(subject, "R-MTC-01", refusal.reason)
        }
    }

    static func templateKey(_ salesOrderID: String) -> String { "metrc-template:\(salesOrderID)" }

    /// The template for the SO of `r`, or why there can be none yet.
    private func metrcTemplateDraft(_ r: MetrcTemplateRequest) -> Result<MetrcTemplateDraft, MetrcRefusal> {
        guard let so = state.salesOrders[r.salesOrderID], let soNumber = so.orderNumber else {
            return .failure("SO \(r.salesOrderID) is not a synced SO fetched from Distru yet; request the template once it is")
        }
        if so.status == .canceled { return .failure("SO \(soNumber) is canceled in Distru; no transfer goes out for it") }
        if let transfer = state.metrcMatches[so.id] {
            return .failure("SO \(soNumber) is already matched to Metrc transfer \(state.metrcTransfers[transfer]?.displayName ?? transfer)")
        }
        if let id = state.metrcTemplates[so.id] {
            return .failure("SO \(soNumber) already has Metrc template \(id); use it in Metrc (Transfers → Templates)")
        }
        let key = Self.templateKey(so.id)
        if state.commands.pending[key] != nil {
            return .failure("the Metrc template of SO \(soNumber) is being created; its outcome is recorded on the SO")
        }
        if state.commands.done.contains(key) {
            return .failure("Metrc answered the template request of SO \(soNumber) without a template id; look for template \(soNumber) in Metrc (Transfers → Templates)")
        }
        if state.commands.abandoned.contains(key) {
            return .failure(
                "creating the Metrc template of SO \(soNumber) failed (\(state.metrcTemplateErrors[so.id] ?? "see the command")); fix the cause and retry it: `leafsync retry \(key)`"
            )
        }
        guard let companyID = so.companyID else {
            return .failure("SO \(soNumber) has no customer; set the customer in Distru, then request the template again")
        }
        guard let license = state.companies[companyID]?.licenseNumbers.first else {
            let name = state.companies[companyID]?.name ?? companyID
            return .failure(
                "customer \(name) of SO \(soNumber) has no active licence in Distru; add its licence number to the company in Distru, then request the template again"
            )
        }
        guard !so.items.isEmpty else { return .failure("SO \(soNumber) has no lines; a template needs at least one package") }
        let unassigned = so.items.filter { $0.packageLabel == nil }.map(lineName)
        guard unassigned.isEmpty else {
            return .failure(
                "line(s) \(unassigned.joined(separator: ", ")) of SO \(soNumber) have no Metrc package; assign a package to every line in Distru, then request the template again"
            )
        }
        return .success(
            MetrcTemplateDraft(
                name: soNumber, salesOrderID: so.id, recipientLicense: license,
                transferType: r.transferType ?? MetrcTemplateDraft.defaultTransferType, invoiceNumber: soNumber,
                transporterLicense: r.transporterLicense, driverName: r.driverName, estimatedDeparture: r.estimatedDeparture,
                estimatedArrival: r.estimatedArrival, packages: Self.templatePackages(so.items)))
    }

    /// One package per label, in line order, priced at the sum of its lines' unit price × quantity
    /// (Metrc's `WholesalePrice` is the package's total); `nil` when a line of it has no price.
    static func templatePackages(_ items: [DistruOrder.Item]) -> [MetrcTemplateDraft.Package] {
        var packages: [MetrcTemplateDraft.Package] = []
        var index: [String: Int] = [:]
        for item in items {
            guard let label = item.packageLabel else { continue }
            let total = item.price?.times(item.quantity)
            if let i = index[label] {
                packages[i].wholesalePrice = packages[i].wholesalePrice.flatMap { sum in total.map { sum + $0 } }
            } else {
                index[label] = packages.count
                packages.append(MetrcTemplateDraft.Package(label: label, wholesalePrice: total))
            }
        }
        return packages
    }

    /// The outcome of `createMetrcTemplate` (R-MTC-01): Metrc answers `{"Ids": [id], "Warnings": …}`.
    mutating func metrcTemplateCreated(_ draft: MetrcTemplateDraft, response: JSONValue) {
        let subject = "distru-order:\(draft.salesOrderID)"
        let body = response.unwrappingData
        guard let id = body.first("Ids", "ids")?.array?.first?.idString ?? body.first("Id", "id")?.idString else {
            state.metrcTemplateErrors[draft.salesOrderID] = "Metrc answered without a template id"
            note(subject, "R-MTC-01", "Metrc answered the template \(draft.name) without an id: look for it in Metrc (Transfers → Templates)")
            return
        }
        state.metrcTemplates[draft.salesOrderID] = id
        state.metrcTemplateErrors[draft.salesOrderID] = nil
        note(subject, "R-MTC-01", "Metrc template \(id) created as \(draft.name)")
    }

    /// A failed attempt of `createMetrcTemplate`: its error is recorded on the SO (R-MTC-01).
    mutating func metrcTemplateFailed(_ draft: MetrcTemplateDraft, error: String) {
        state.metrcTemplateErrors[draft.salesOrderID] = error
    }

    // MARK: R-MTC-02 automatic matching and undo

    /// Every observation of a transfer: a matched one is checked for a void or rejected packages,
    /// an unmatched one is matched (R-MTC-02).
    ///
    /// Only rejections new since the transfer's previous observation undo a match: a manual match
    /// may knowingly take a transfer with a rejected package (R-MTC-03), and every rejection after
    /// a match is new in the observation that first shows it.
    mutating func observeTransfer(_ t: MetrcTransfer) {
        let previous = state.metrcTransfers.updateValue(t, forKey: t.id)
        let subject = "metrc-transfer:\(t.id)"
        if let so = state.metrcMatches.sorted(by: { $0.key < $1.key }).first(where: { $0.value == t.id })?.key {
            let known = Set(previous?.rejectedPackageLabels ?? [])
            let rejected = t.rejectedPackageLabels.filter { !known.contains($0) }
            if t.isVoided {
                undoMatch(so: so, transfer: t, why: "was voided in Metrc")
            } else if !rejected.isEmpty {
                undoMatch(so: so, transfer: t, why: "has rejected or returned packages (\(rejected.joined(separator: ", ")))")
            }
            return
        }
        if t.isVoided {
            resolve(subject: subject, rule: "R-MTC-02")
            note(subject, "R-MTC-02", "transfer \(t.displayName) is voided: not matched")
            return
        }
        if let so = state.metrcUndoneMatches[t.id] {
            let name = soName(so)
            note(subject, "R-MTC-02", "transfer \(t.displayName): its match to SO \(name) was undone; only a manual match links it again")
            return
        }
        autoMatch(t)
    }

    /// R-MTC-02: the first level with exactly one open SO matches; a level with several is
    /// ambiguous (noted, and a sync error on the transfer if no level matches).
    private mutating func autoMatch(_ t: MetrcTransfer) {
        let subject = "metrc-transfer:\(t.id)"
        let s = state
        let open = s.salesOrders.values
            .filter { s.metrcMatches[$0.id] == nil && $0.status != .canceled && $0.status != .completed }
            .sorted { $0.id < $1.id }
        let labels = t.packageLabels
        let invoices = Set(t.deliveries.compactMap(\.invoiceNumber))
        let recipients = Set(t.deliveries.compactMap(\.recipientLicense))
        let created = t.created.flatMap(ISO8601.parse)
        let levels: [(how: String, fits: (DistruOrder) -> Bool)] = [
            ("its template", { so in t.originatingTemplateID != nil && s.metrcTemplates[so.id] == t.originatingTemplateID }),
            ("the invoice number", { so in so.orderNumber.map(invoices.contains) ?? false }),
            ("package labels", { so in !labels.isEmpty && so.items.contains { $0.packageLabel.map(labels.contains) ?? false } }),
            (
                "the recipient licence within the date window",
                { so in
                    guard let created, let company = so.companyID.flatMap({ s.companies[$0] }) else { return false }
                    return company.licenseNumbers.contains(where: recipients.contains) && MetrcMatchWindow.contains(created, so: so)
                }
            ),
        ]
        var ambiguous: [String] = []
        for level in levels {
            let candidates = open.filter(level.fits)
            if candidates.count == 1, !t.rejectedPackageLabels.isEmpty {
                // A transfer already partly refused by the recipient: completing the SO would misstate the sale.
                let name = candidates[0].orderNumber ?? candidates[0].id
                raise(
                    subject: subject, rule: "R-MTC-02",
                    message:
                        "R-MTC-02: Metrc transfer \(t.displayName) fits SO \(name) by \(level.how), but has rejected or returned packages (\(t.rejectedPackageLabels.joined(separator: ", "))); it is not matched",
                    fix:
                        "Settle the rejected packages with the recipient and adjust the SO in Distru, then match the transfer by hand with the delivered packages: `leafsync metrc match \(name) \(t.id) --line LINE=LABEL[,LABEL…]…`."
                )
                return
            }
            if candidates.count == 1 {
                resolve(subject: subject, rule: "R-MTC-02")
                completeWithTransfer(so: candidates[0].id, transfer: t, packages: [], rule: "R-MTC-02", how: level.how)
                return
            }
            if candidates.count > 1 {
                let names = candidates.map { $0.orderNumber ?? $0.id }.joined(separator: ", ")
                ambiguous.append("by \(level.how): \(names)")
                note(subject, "R-MTC-02", "transfer \(t.displayName) is ambiguous by \(level.how) (\(names)): not a match")
            }
        }
        guard !ambiguous.isEmpty else {
            note(subject, "R-MTC-02", "transfer \(t.displayName) matches no open SO")
            return
        }
        raise(
            subject: subject, rule: "R-MTC-02",
            message:
                "R-MTC-02: Metrc transfer \(t.displayName) matches more than one SO (\(ambiguous.joined(separator: "; "))) and no level matches one SO; it is not matched",
            fix: "Match it by hand to the right SO: `leafsync metrc match SO-NUMBER \(t.id) --line LINE=LABEL[,LABEL…]…`.")
    }

    /// A matched transfer voided, or with packages rejected, after the match: the match goes, the
    /// completion pushes not yet sent are withdrawn (the Distru completion, and the LeafLink
    /// transitions beyond the SO's status as last observed in Distru), and a sync error asks a
    /// person to put right what was already pushed: LeafSync never moves an SO or an LL order
    /// backwards by itself. The transfer is never matched automatically again.
    private mutating func undoMatch(so: String, transfer t: MetrcTransfer, why: String) {
        state.metrcMatches[so] = nil
        state.metrcUndoneMatches[t.id] = so
        let number = state.orderOfSalesOrder[so]
        let observed = state.salesOrders[so]?.status
        let kept = Set(LeafLinkTransition.forward(toDistruProgress: observed?.progress ?? 0))
        var withdrawn: [String] = []
        for key in state.commands.pending.keys.sorted() {
            switch state.commands.pending[key]?.action {
            case .completeSalesOrder(let id, let transfer, _) where id == so && transfer == t.id: break
            case .transitionLeafLinkOrder(let n, let transition) where n == number && !kept.contains(transition): break
            default: continue
            }
            state.commands.finish(key, as: .cancelled)
            withdrawn.append(key)
        }
        if let number, var sync = state.orders[number] {
            sync.salesOrderStatus = observed
            state.orders[number] = sync
        }
        let pushed = withdrawn.isEmpty ? "" : " (not yet sent, withdrawn: \(withdrawn.joined(separator: ", ")))"
        raise(
            subject: "distru-order:\(so)", rule: "R-MTC-02",
            message:
                "R-MTC-02: Metrc transfer \(t.displayName) matched to SO \(soName(so)) \(why); the match is undone\(pushed)",
            fix:
                "Check the SO in Distru and the order in LeafLink: move them back by hand if they were completed, then register a new transfer in Metrc from the SO's template or match one by hand (`leafsync metrc match`)."
        )
    }

    // MARK: R-MTC-03 manual match

    /// R-MTC-03: the operator's match, with one or more packages per SO line, checked against the
    /// observed transfer.
    mutating func manualMetrcMatch(so soID: String, transfer transferID: String, packages: [PackageAssignment]) {
        switch checkManualMatch(so: soID, transfer: transferID, packages: packages) {
        case .success(let transfer):
            resolve(subject: "metrc-transfer:\(transferID)", rule: "R-MTC-02")
            completeWithTransfer(so: soID, transfer: transfer, packages: packages, rule: "R-MTC-03", how: "the operator's match")
        case .failure(let refusal):
            refuse("distru-order:\(soID)", "R-MTC-03", refusal.reason)
        }
    }

    private func checkManualMatch(so soID: String, transfer id: String, packages: [PackageAssignment]) -> Result<MetrcTransfer, MetrcRefusal> {
        guard state.orderOfSalesOrder[soID] != nil, let so = state.salesOrders[soID] else {
            return .failure("SO \(soID) is not a synced LeafLink order fetched from Distru")
        }
        let name = so.orderNumber ?? soID
        guard let t = state.metrcTransfers[id] else {
            return .failure("Metrc transfer \(id) has not been observed; check the id (the transfer's Id, not its manifest number) or wait for the next Metrc poll")
        }
        guard !t.isVoided else { return .failure("Metrc transfer \(t.displayName) is voided; choose a transfer that is not") }
        if let other = state.metrcMatches.sorted(by: { $0.key < $1.key }).first(where: { $0.value == id })?.key {
            return .failure("Metrc transfer \(t.displayName) is already matched to SO \(soName(other))")
        }
        if let current = state.metrcMatches[soID] {
            return .failure("SO \(name) is already matched to Metrc transfer \(state.metrcTransfers[current]?.displayName ?? current)")
        }
        let lineIDs = Set(so.items.compactMap(\.id))
        let unknown = packages.map(\.lineID).filter { !lineIDs.contains($0) }
        guard unknown.isEmpty else {
            return .failure("SO \(name) has no line(s) \(unknown.joined(separator: ", ")); its lines are \(so.items.compactMap(\.id).joined(separator: ", "))")
        }
        let assigned = Set(packages.filter { !$0.packageLabels.isEmpty }.map(\.lineID))
        let bare = so.items.filter { item in !(item.id.map(assigned.contains) ?? false) }.map(lineName)
        guard bare.isEmpty else {
            return .failure("line(s) \(bare.joined(separator: ", ")) of SO \(name) get no package; give every line one or more packages of the transfer")
        }
        let offTransfer = packages.flatMap(\.packageLabels).filter { !t.packageLabels.contains($0) }
        guard offTransfer.isEmpty else {
            return .failure(
                "package(s) \(offTransfer.joined(separator: ", ")) are not on Metrc transfer \(t.displayName) (or were rejected); its packages are \(t.packageLabels.sorted().joined(separator: ", "))"
            )
        }
        return .success(t)
    }

    // MARK: Completion

    /// Links the transfer to the SO in Distru and completes it there, and walks the LL order to
    /// Complete through the transitions in order (R-MTC-02/03, R-UPD-08).
    private mutating func completeWithTransfer(
        so: String, transfer t: MetrcTransfer, packages: [PackageAssignment], rule: String, how: String
    ) {
        state.metrcMatches[so] = t.id
        resolve(subject: "distru-order:\(so)", rule: "R-MTC-02")
        emit(
            key: "distru-so-complete:\(so):\(t.id)", subject: "distru-order:\(so)", rule: rule,
            .completeSalesOrder(salesOrderID: so, metrcTransferID: t.id, packages: packages))
        note("distru-order:\(so)", rule, "matched to Metrc transfer \(t.displayName) by \(how): SO completed in Distru and LeafLink")
        guard let number = state.orderOfSalesOrder[so], var sync = state.orders[number] else { return }
        sync.salesOrderStatus = .completed
        state.orders[number] = sync
        pushStatusToLeafLink(number: number, status: .completed)
    }

    private func lineName(_ item: DistruOrder.Item) -> String {
        let product = item.productID.flatMap { state.distruProducts[$0]?.name }.map { " (\($0))" } ?? ""
        return (item.id ?? "without id") + product
    }

    private func soName(_ id: String) -> String { state.salesOrders[id]?.orderNumber ?? id }
}

/// Why a Metrc request is refused: a sentence that says what to fix.
struct MetrcRefusal: Error, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    let reason: String
    init(stringLiteral value: String) { reason = value }
    init(stringInterpolation: DefaultStringInterpolation) { reason = String(stringInterpolation: stringInterpolation) }
}

/// R-MTC-02's last level: a transfer to the customer's licence matches an SO only if it was
/// registered (`CreatedDateTime`) near the SO's dates:
///
/// - within ``daysAroundDelivery`` days either side of the SO's `delivery_datetime`, when it has one;
/// - else from the SO's `order_datetime` to ``daysAfterOrder`` days after it;
/// - never when the SO has neither date, or the transfer no creation time.
///
/// Every date comes from the events (the SO and transfer records), never from a clock (R-ENG-02).
public enum MetrcMatchWindow {
    public static let daysAroundDelivery: Int64 = 3
    public static let daysAfterOrder: Int64 = 14

    static func contains(_ created: Timestamp, so: DistruOrder) -> Bool {
        let day: Int64 = 86_400_000_000
        let t = created.microseconds
        if let delivery = so.deliveryDatetime.flatMap(ISO8601.parse)?.microseconds {
            return abs(t - delivery) <= daysAroundDelivery * day
        }
        if let ordered = so.orderDatetime.flatMap(ISO8601.parse)?.microseconds {
            return t >= ordered && t <= ordered + daysAfterOrder * day
        }
        return false
    }
}
