import Foundation
import LeafSyncLog

/// The sync of one LeafLink order to a Distru SO.
public struct OrderSync: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Not (yet) eligible: Draft, rejected before sync, or not evaluated.
        case notSynced
        /// R-ORD-01 failed; re-evaluated every cycle.
        case blocked
        /// The create command is out; waiting for its outcome.
        case creating
        /// A live SO exists (R-ORD-15).
        case synced
        /// The SO was deleted (R-UPD-04); an LL edit syncs a new SO.
        case unsynced
    }

    public var number: String
    public var order: LeafLinkOrder
    public var phase: Phase = .notSynced
    /// 1 for the first SO; +1 for each resync after deletion (R-UPD-04).
    public var generation = 1
    public var salesOrderID: String?
    public var salesOrderNumber: String?
    /// The SO content the engine last sent (or observed back for location, R-UPD-05).
    public var sent: SalesOrderDraft?
    /// SO status: observed, or set by the engine.
    public var salesOrderStatus: DistruOrderStatus?
    /// R-ORD-12: sticky once the LL order reached the price-lock status.
    public var priceLocked = false
    /// LL `modified` when the SO was deleted; a different value is an edit (R-UPD-04).
    public var deletedAtModified: String??
    public var shipDatePushed: String?
    /// Failures of R-ORD-01 at the last evaluation.
    public var blockers: [String] = []

    public init(number: String, order: LeafLinkOrder) {
        self.number = number
        self.order = order
    }

    var subject: String { "ll-order:\(number)" }
    var keySuffix: String { generation > 1 ? "#\(generation)" : "" }
    /// Idempotency key of this generation's SO creation (R-ORD-15).
    var createKey: String { "distru-so-create:\(number)\(keySuffix)" }
    /// The SO creation keys of every generation so far.
    var createKeys: [String] { (1...generation).map { "distru-so-create:\(number)\($0 > 1 ? "#\($0)" : "")" } }
}
