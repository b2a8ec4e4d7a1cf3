public import Foundation
public import LeafSyncLog

/// Everything the reducer knows, rebuilt from the log alone. Equatable so replays can be compared.
public struct SyncState: Equatable, Sendable {
    public var settings = Settings()

    // People
    public var staff: [Int: LeafLinkStaff] = [:]
    public var users: [String: DistruUser] = [:]
    /// R-USR-01: Distru user id → LL company-staff id, and back.
    public var repOfUser: [String: Int] = [:]
    public var userOfRep: [Int: String] = [:]

    // Reference data and customers
    public var locations: [String: DistruLocation] = [:]
    public var taxes: [String: DistruTax] = [:]
    public var companies: [String: DistruCompany] = [:]
    public var leafLinkCustomers: [Int: LeafLinkCustomer] = [:]
    /// R-CUS: LL customer id → Distru company id.
    public var customerAssociations: [Int: String] = [:]

    // Products, links, inventory
    public var leafLinkProducts: [Int: LeafLinkProduct] = [:]
    public var distruProducts: [String: DistruProduct] = [:]
    /// Links by Distru product id (R-PRD-01).
    public var links: [String: ProductLink] = [:]
    public var linkOfLeafLinkProduct: [Int: String] = [:]
    /// Links requested before both products were fetched: Distru id → LL id. They complete by themselves.
    public var waitingLinks: [String: Int] = [:]
    /// LL product creations requested before the Distru product was fetched.
    public var waitingCreations: [String: LeafLinkProductRequest] = [:]
    /// Distru product id → location id → available quantity (R-INV-01).
    public var inventory: [String: [String: Decimal]] = [:]

    // Orders
    public var orders = OrderTable()
    /// Distru SO id → LL order number.
    public var orderOfSalesOrder: [String: String] = [:]
    /// Latest observation of each synced Distru SO.
    public var salesOrders: [String: DistruOrder] = [:]
    public var credits: [Int: LeafLinkCredit] = [:]
    /// Distru SOs that name an LL order not fetched yet, by the number or short id they give:
    /// adopted when the order arrives (R-ORD-15).
    public var salesOrdersAwaitingOrder: [String: DistruOrder] = [:]

    // Payments
    public var invoices: [String: DistruInvoice] = [:]
    public var syncedPayments: [String: SyncedPayment] = [:]

    // Metrc
    /// SO id → Metrc template id: the `createMetrcTemplate` outcome (R-MTC-01).
    public var metrcTemplates: [String: String] = [:]
    /// SO id → why its last template creation failed, until one succeeds (R-MTC-01).
    public var metrcTemplateErrors: [String: String] = [:]
    /// The latest observation of every Metrc outgoing transfer, by id.
    public var metrcTransfers: [String: MetrcTransfer] = [:]
    /// SO id → Metrc transfer id (R-MTC-02/03).
    public var metrcMatches: [String: String] = [:]
    /// Transfer id → SO id, for matches undone because the transfer was voided or packages were
    /// rejected (R-MTC-02): such a transfer is never matched automatically again.
    public var metrcUndoneMatches: [String: String] = [:]

    // Engine
    /// Fingerprint of the last observed record per type and subject (R-ENG-01).
    public var fingerprints: [FingerprintKey: UInt64] = [:]
    public var commands = CommandBook()
    /// Sync errors by id (`subject|rule`), open and resolved (R-ERR).
    public var errors: [String: SyncError] = [:]
    /// The latest decisions per subject, each with its rule id, so an outcome can be explained.
    public var decisions: [String: [Decision]] = [:]
    /// Whether the reducer keeps `decisions`. Nothing else in the state depends on them, and
    /// formatting them is a large share of reducing, so the projector (whose tables do not show
    /// them) turns this off; replay and explain keep it on.
    public var recordsDecisions = true
    /// Subjects whose last record could not be decoded, with the reason.
    public var rejections: [String: String] = [:]
    /// The latest refused operator request per subject (a refused link, mapping or template), with its rule.
    public var refusals: [String: Decision] = [:]
    /// Every operator request in log order, with its outcome (accepted, waiting, refused, replaced).
    public var operatorRequests: [OperatorRequest] = []
    /// The requests still waiting, by subject: their index in ``operatorRequests``.
    public var waitingRequests: [String: Int] = [:]
    public var lastPoll: [String: Timestamp] = [:]
    public var lastPushCycle: Timestamp?

    public init() {}

    /// Commands emitted and not yet succeeded, by key: what the dispatcher still has to do. What it
    /// may send now, in emission order, is `commands.ready(at:)`.
    public var pendingCommands: [Command] { commands.pending.keys.sorted().map { commands.pending[$0]! } }

    /// Who sync-error e-mails go to (R-ERR-01): the Distru company admins and the configured
    /// error recipients, sorted, each once.
    public var errorRecipients: [String] {
        Array(Set(users.values.filter(\.isAdmin).compactMap(\.email) + settings.errorRecipients)).sorted()
    }

    /// The open sync errors, oldest first.
    public var openErrors: [SyncError] {
        errors.values.filter { $0.resolvedAt == nil }.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
    }
}

/// A Distru payment pushed to LL (R-PAY).
public struct SyncedPayment: Equatable, Sendable {
    public var invoiceID: String
    public var orderNumber: String
    public var amount: Money
    public var date: String
    public var reversed: Bool
}

/// Why something happened, with the rule that decided it.
public struct Decision: Equatable, Sendable, CustomStringConvertible {
    public var rule: String
    public var text: String
    public var at: Timestamp
    public var description: String { text.hasPrefix(rule) ? text : "\(rule): \(text)" }
}

/// A sync error: the entity, the rule that failed and how to fix it (R-ERR-01).
public struct SyncError: Equatable, Sendable {
    public var id: String
    public var subject: String
    public var rule: String
    public var message: String
    public var fix: String
    public var openedAt: Timestamp
    public var resolvedAt: Timestamp?
    /// When its e-mail was sent (the e-mail command's success), if it was (R-ERR-01/02).
    public var emailedAt: Timestamp? = nil
}

/// What a fingerprint is kept for: a record kind (`ll-order`) and a subject. Made by the reducer.
public struct FingerprintKey: Hashable, Sendable {
    public var kind: String
    public var subject: String
}
