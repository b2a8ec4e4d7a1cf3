import Foundation

/// R-MTC-01: a Metrc outgoing transfer template named after the SO number.
public struct MetrcTemplateDraft: Equatable, Sendable {
    public var name: String
    public var salesOrderID: String
    public var recipientLicense: String?
    public var invoiceNumber: String
    public var transporterLicense: String?
    public var driverName: String?
    public var estimatedDeparture: String?
    public var estimatedArrival: String?
    public var packageLabels: [String]
}
