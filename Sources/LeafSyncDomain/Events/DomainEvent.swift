import Foundation
public import LeafSyncJSON
public import LeafSyncLog

/// A log event decoded into the domain: when it happened, what it is about, and the typed fact.
public struct DomainEvent: Equatable, Sendable {
    /// Time of the event: the tick's time for `engine.tick`, else the log's recorded-at time.
    public var time: Timestamp
    /// The log subject, e.g. `ll-order:<number>`.
    public var subject: String
    public var fact: Fact
    /// For observed remote records: FNV-1a of the canonical JSON, so an identical re-fetch is a no-op (R-ENG-01).
    public var fingerprint: UInt64?
    /// The event's log sequence (0 for an event not read from a log). The reducer keeps it only
    /// for operator requests, so ``SyncState/operatorRequests`` can say which event asked.
    public var sequence: UInt64

    public init(time: Timestamp, subject: String, fact: Fact, fingerprint: UInt64? = nil, sequence: UInt64 = 0) {
        self.time = time
        self.subject = subject
        self.fact = fact
        self.fingerprint = fingerprint
        self.sequence = sequence
    }
}

/// Everything that can happen, typed.
public enum Fact: Equatable, Sendable {
    case leafLinkOrder(LeafLinkOrder)
    case leafLinkProduct(LeafLinkProduct)
    case leafLinkCustomer(LeafLinkCustomer)
    case leafLinkStaff(LeafLinkStaff)
    case leafLinkPayment(LeafLinkOrderPayment)
    case leafLinkCredit(LeafLinkCredit)
    /// A LeafLink webhook: a hint to fetch the record it names.
    case leafLinkWebhook(LeafLinkWebhook)
    case distruProduct(DistruProduct)
    case distruInventory(DistruInventoryRow)
    case distruOrder(DistruOrder)
    case distruCompany(DistruCompany)
    case distruUser(DistruUser)
    case distruLocation(DistruLocation)
    case distruTax(DistruTax)
    case distruInvoice(DistruInvoice)
    /// `distru.<kind>.deleted`: the record with `id` is gone.
    case distruDeleted(kind: String, id: String)
    /// A Distru webhook: a hint to fetch the record it names.
    case distruWebhook(kind: String, id: String)
    case metrcTransfer(MetrcTransfer)
    case operatorAction(OperatorAction)
    /// A scheduler tick; its time is the event's time.
    case tick
    /// The outbound command with this idempotency key succeeded; `response` is the remote answer.
    case commandSucceeded(key: String, response: JSONValue)
    /// The outbound command with this idempotency key failed.
    case commandFailed(CommandFailure)
    /// A record or payload that could not be decoded: kept, with the reason, never a crash.
    case rejected(type: String, reason: String)
    /// Ingestion bookkeeping (fetch cursors) and unknown types: no effect on the state.
    case ignored(type: String)
}

extension Fact {
    /// A short name of the fact kind, used to key fingerprints: an observed record's subject
    /// prefix (`ll-order`), else a name of its own.
    var kindName: String {
        switch self {
        case .leafLinkOrder: EventFactory.Observed.leafLinkOrder.subjectPrefix
        case .leafLinkProduct: EventFactory.Observed.leafLinkProduct.subjectPrefix
        case .leafLinkCustomer: EventFactory.Observed.leafLinkCustomer.subjectPrefix
        case .leafLinkStaff: EventFactory.Observed.leafLinkStaff.subjectPrefix
        case .leafLinkPayment: EventFactory.Observed.leafLinkPayment.subjectPrefix
        case .leafLinkCredit: EventFactory.Observed.leafLinkCredit.subjectPrefix
        case .distruProduct: EventFactory.Observed.distruProduct.subjectPrefix
        case .distruOrder: EventFactory.Observed.distruOrder.subjectPrefix
        case .distruCompany: EventFactory.Observed.distruCompany.subjectPrefix
        case .distruUser: EventFactory.Observed.distruUser.subjectPrefix
        case .distruLocation: EventFactory.Observed.distruLocation.subjectPrefix
        case .distruTax: EventFactory.Observed.distruTax.subjectPrefix
        case .distruInvoice: EventFactory.Observed.distruInvoice.subjectPrefix
        case .metrcTransfer: EventFactory.Observed.metrcTransfer.subjectPrefix
        case .leafLinkWebhook: "ll-webhook"
        case .distruInventory: "distru-inventory"
        case .distruDeleted(let kind, _): "distru-\(kind)-deleted"
        case .distruWebhook: "distru-webhook"
        case .operatorAction: "operator"
        case .tick: "tick"
        case .commandSucceeded: "succeeded"
        case .commandFailed: "failed"
        case .rejected: "rejected"
        case .ignored: "ignored"
        }
    }
}

/// A failed attempt of an outbound command (`engine.command.failed`, R-ERR-03).
public struct CommandFailure: Equatable, Sendable {
    public var key: String
    /// What went wrong, as the dispatcher described it (no secret: clients mask them).
    public var error: String
    /// Whether another attempt may succeed.
    public var retryable: Bool
    /// The HTTP status, when the remote system answered.
    public var status: Int?
    /// The kind of error: `http`, `rateLimited`, `transport`, `malformedResponse`, `invalidRequest`,
    /// `notConfigured` or `conflict`. Events written before these fields existed have neither.
    public var kind: String?

    public init(key: String, error: String, retryable: Bool, status: Int? = nil, kind: String? = nil) {
        self.key = key
        self.error = error
        self.retryable = retryable
        self.status = status
        self.kind = kind
    }

    /// Whether a retry may help: not when the dispatcher says so, nor for a request the remote
    /// system refused (a 4xx other than 408 and 429), an invalid request or a missing configuration.
    public var mayRetry: Bool {
        guard retryable, kind != "invalidRequest", kind != "notConfigured" else { return false }
        if let status, (400..<500).contains(status), status != 408, status != 429 { return false }
        return true
    }
}
