import Foundation

/// R-MTC-01/02/03: where an SO stands in Metrc: its template (or why creating it failed) and the
/// transfer matched to it. One row per SO with any of these.
public struct MetrcSalesOrderRow: Equatable, Sendable {
    public var salesOrderID: String
    public var salesOrderNumber: String?
    /// The template created for the SO (R-MTC-01).
    public var templateID: String?
    /// Why the last template creation failed, until one succeeds (R-MTC-01).
    public var templateError: String?
    /// The matched transfer (R-MTC-02/03) and its manifest number.
    public var transferID: String?
    public var manifestNumber: String?
}

extension SyncState {
    /// R-MTC: every SO with a Metrc template, a template error or a matched transfer, by SO id.
    public func metrcSalesOrders() -> [MetrcSalesOrderRow] {
        let ids = Set(metrcTemplates.keys).union(metrcTemplateErrors.keys).union(metrcMatches.keys)
        return ids.sorted().map { id in
            let transfer = metrcMatches[id]
            return MetrcSalesOrderRow(
                salesOrderID: id, salesOrderNumber: salesOrders[id]?.orderNumber, templateID: metrcTemplates[id],
                templateError: metrcTemplateErrors[id], transferID: transfer,
                manifestNumber: transfer.flatMap { metrcTransfers[$0]?.manifestNumber })
        }
    }
}
