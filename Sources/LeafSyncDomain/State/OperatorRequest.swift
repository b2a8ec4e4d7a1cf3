public import LeafSyncLog

/// An operator request (an `operator.*-requested` event) and what the reducer made of it.
///
/// Operator events are requests, not facts: the reducer may refuse one (a Distru product already
/// linked, R-PRD-02; a rep already mapped, R-USR-01), and a link or an LL product creation asked
/// before its products were fetched waits, then completes or is refused by a later observation.
/// The state keeps every request with its outcome, so the refusal shows in the projections
/// (`operator_requests`) and in `leafsync audit requests`, not only in `replay --explain`:
///
/// ```swift
/// let refused = state.operatorRequests.filter { $0.status == .refused }
/// // seq 412 operator.product.link-requested distru-product:9a1…  refused  R-PRD-02  Distru product … is already linked …
/// ```
public struct OperatorRequest: Equatable, Sendable {
    /// The request's log sequence (0 for an event not read from a log).
    public var sequence: UInt64
    /// When it was recorded.
    public var at: Timestamp
    /// Its event type, e.g. `operator.product.link-requested`.
    public var type: String
    /// What it is about, e.g. `distru-product:<id>`.
    public var subject: String
    public var status: Status
    /// The rule that refused it (only when ``status`` is `refused`).
    public var rule: String?
    /// Why it was refused, or which request replaced it.
    public var reason: String?
    /// When its outcome was decided: at ``at``, or later for a request that waited.
    public var decidedAt: Timestamp?

    public enum Status: String, Sendable, CaseIterable {
        /// The reducer did what was asked (or found it already done).
        case accepted
        /// It waits for records not fetched yet (a link before both products are known).
        case waiting
        /// The reducer refused it; ``rule`` and ``reason`` say why.
        case refused
        /// It waited, and a later request on the same subject withdrew or replaced it.
        case replaced
    }
}
