import Foundation
public import LeafSyncLog

/// The reducer: applies one event to the state and returns the commands it asks for.
///
/// Pure and deterministic (R-ENG-02): no clock (time comes from `event.time`), no randomness,
/// no I/O; dictionaries are always walked in sorted order.
public func reduce(into state: inout SyncState, event: DomainEvent) -> [Command] {
    var r = Reduction(now: event.time)
    swap(&r.state, &state)
    r.apply(event)
    swap(&r.state, &state)
    return r.commands
}

/// The functional form: `(state, event) -> (state, [command])`.
public func reduce(_ state: SyncState, _ event: DomainEvent) -> (SyncState, [Command]) {
    var s = state
    let commands = reduce(into: &s, event: event)
    return (s, commands)
}

/// Decodes and reduces a log event (`DomainEvent(recorded:)` then `reduce(into:event:)`).
public func reduce(into state: inout SyncState, recorded: RecordedEvent) -> [Command] {
    reduce(into: &state, event: DomainEvent(recorded: recorded))
}

/// One reduction step: the state being changed, the event time, and the commands collected.
struct Reduction {
    var state = SyncState()
    let now: Timestamp
    var commands: [Command] = []
    /// The refusals made by this step (``refuse(_:_:_:)``), in order: the outcome of an operator
    /// request, or of one that waited (``settleWaitingRequests(replacedBy:)``).
    var refusalsMade: [(subject: String, rule: String, why: String)] = []

    init(now: Timestamp) { self.now = now }

    mutating func apply(_ event: DomainEvent) {
        if let fp = event.fingerprint {
            // R-ENG-01: an identical re-observation changes nothing.
            let key = FingerprintKey(kind: event.fact.kindName, subject: event.subject)
            if state.fingerprints.updateValue(fp, forKey: key) == fp { return }
            if state.rejections.removeValue(forKey: event.subject) != nil {
                resolve(subject: event.subject, rule: "R-ERR-01")
            }
        }
        switch event.fact {
        case .leafLinkOrder(let o): observeLeafLinkOrder(o)
        case .leafLinkProduct(let p): observeLeafLinkProduct(p)
        case .leafLinkCustomer(let c): state.leafLinkCustomers[c.id] = c
        case .leafLinkStaff(let s): state.staff[s.id] = s
        case .leafLinkPayment: break  // R-PAY-03: payments never flow LL → Distru.
        case .leafLinkCredit(let c): observeCredit(c)
        case .leafLinkWebhook(let w): leafLinkWebhook(w)
        case .distruProduct(let p): observeDistruProduct(p)
        case .distruInventory(let row): observeInventory(row)
        case .distruOrder(let so): observeSalesOrder(so)
        case .distruCompany(let c): observeCompany(c)
        case .distruUser(let u): state.users[u.id] = u
        case .distruLocation(let l): state.locations[l.id] = l
        case .distruTax(let t):
            state.taxes[t.id] = t
        case .distruInvoice(let inv): observeInvoice(inv)
        case .distruDeleted(let kind, let id): distruDeleted(kind: kind, id: id)
        case .distruWebhook(let kind, let id): distruWebhook(kind: kind, id: id)
        case .metrcTransfer(let t): observeTransfer(t)
        case .operatorAction(let a): operatorRequest(a, sequence: event.sequence)
        case .tick: tick()
        case .commandSucceeded(let key, let response): commandSucceeded(key: key, response: response)
        case .commandFailed(let failure): commandFailed(failure)
        case .rejected(let type, let reason): rejected(subject: event.subject, type: type, reason: reason)
        case .ignored: break
        }
        if !state.waitingRequests.isEmpty { settleWaitingRequests(replacedBy: nil) }
    }

    mutating func operatorAction(_ a: OperatorAction) {
        switch a {
        case .changeSettings(let change): changeSettings(change)
        case .mapRep(let user, let rep): mapRep(user: user, rep: rep)
        case .unmapRep(let user): unmapRep(user: user)
        case .linkProduct(let d, let l): link(distruID: d, leafLinkID: l, rule: "R-PRD-01")
        case .acceptSuggestion(let d, let l): link(distruID: d, leafLinkID: l, rule: "R-PRD-03")
        case .unlinkProduct(let d): unlink(distruID: d)
        case .createLeafLinkProduct(let request): requestLeafLinkProduct(request)
        case .updateLeafLinkProductFields(let request): leafLinkFieldsChanged(request)
        case .associateCustomer(let customer, let company):
            associate(customer: customer, company: company, rule: "R-CUS-05", why: "set by the operator")
        case .deleteSalesOrder(let so, let reject): operatorDeletedSalesOrder(so, reject: reject)
        case .requestMetrcTemplate(let request): requestMetrcTemplate(request)
        case .matchMetrcTransfer(let so, let transfer, let packages): manualMetrcMatch(so: so, transfer: transfer, packages: packages)
        case .retryCommand(let key): retryCommand(key)
        case .retryFailedCommands: retryFailedCommands()
        }
    }

    // MARK: Effects shared by every rule

    /// Emits a command unless its key is already pending, done, abandoned or withdrawn (R-ENG-03, R-ORD-15).
    ///
    /// The command gets the next sequence, and depends on `dependsOn` when given, else on the
    /// newest pending command for the same ``CommandAction/target``: commands for one remote
    /// object run in the order they were emitted, one at a time (``CommandBook/ready(at:)``).
    @discardableResult
    mutating func emit(key: String, subject: String, rule: String, _ action: CommandAction, dependsOn: String? = nil) -> Bool {
        guard !state.commands.knows(key) else { return false }
        commands.append(state.commands.add(Command(key: key, subject: subject, rule: rule, action: action), dependsOn: dependsOn))
        return true
    }

    /// Records why something happened, with its rule id (kept per subject, newest last). The text
    /// is only formatted when the state records decisions.
    mutating func note(_ subject: String, _ rule: String, _ text: @autoclosure () -> String) {
        guard state.recordsDecisions else { return }
        let text = text()
        var list = state.decisions[subject] ?? []
        list.append(Decision(rule: rule, text: text.hasPrefix(rule) ? text : "\(rule): \(text)", at: now))
        if list.count > 30 { list.removeFirst(list.count - 30) }
        state.decisions[subject] = list
    }

    mutating func rejected(subject: String, type: String, reason: String) {
        state.rejections[subject] = reason
        raise(
            subject: subject, rule: "R-ERR-01", message: "R-ERR-01: the \(type) record \(subject) could not be read: \(reason)",
            fix:
                "Look at the record in the remote system; the exact bytes received are in the log. The engine ignores it until a readable version arrives."
        )
    }
}
