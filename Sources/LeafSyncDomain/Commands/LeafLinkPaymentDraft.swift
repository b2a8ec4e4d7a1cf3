import Foundation

/// R-PAY: a LeafLink order payment to post.
public struct LeafLinkPaymentDraft: Equatable, Sendable {
    public var orderNumber: String
    /// Negative for a deleted Distru payment (R-PAY-02).
    public var amount: Money
    /// `YYYY-MM-DD`.
    public var paymentDate: String
    /// The LeafLink staff id recorded as `recorded_by` (the SO owner's rep), if known.
    public var recordedBy: Int?
    public var distruPaymentID: String
}
