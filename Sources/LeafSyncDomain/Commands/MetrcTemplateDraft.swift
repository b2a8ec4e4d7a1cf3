import Foundation

/// R-MTC-01: a Metrc outgoing transfer template made from an SO: everything
/// `POST /transfers/v2/templates/outgoing` needs, built by the reducer from the state alone.
///
/// It becomes one template with one destination:
///
/// | template field | from |
/// | --- | --- |
/// | `Name` | ``name``: the SO number |
/// | `TransporterFacilityLicenseNumber`, `DriverName` | ``transporterLicense``, ``driverName`` (the operator's request) |
/// | `Destinations[0].RecipientLicenseNumber` | ``recipientLicense``: the customer company's first active licence in Distru |
/// | `Destinations[0].TransferTypeName` | ``transferType``: the request's, else ``defaultTransferType`` |
/// | `Destinations[0].InvoiceNumber` | ``invoiceNumber``: the SO number (R-MTC-02 matches on it) |
/// | `Destinations[0].EstimatedDepartureDateTime`, `…ArrivalDateTime` | ``estimatedDeparture``, ``estimatedArrival`` |
/// | `Destinations[0].Packages[]` `{PackageLabel, WholesalePrice}` | ``packages`` |
public struct MetrcTemplateDraft: Equatable, Sendable {
    /// One package of the template, with its wholesale price.
    public struct Package: Equatable, Sendable {
        public var label: String
        /// The price of the whole package as Metrc's `WholesalePrice` wants it (the total the
        /// recipient pays for it, not a unit price): the SO line's unit price × its quantity, summed
        /// over the lines that carry the package. `nil` when a line has no price.
        public var wholesalePrice: Money?

        public init(label: String, wholesalePrice: Money?) {
            self.label = label
            self.wholesalePrice = wholesalePrice
        }
    }

    /// The transfer type when the operator names none: a sale between licensees.
    public static let defaultTransferType = "Wholesale Manifest"

    public var name: String
    public var salesOrderID: String
    public var recipientLicense: String
    public var transferType: String
    public var invoiceNumber: String
    public var transporterLicense: String?
    public var driverName: String?
    public var estimatedDeparture: String?
    public var estimatedArrival: String?
    /// In SO line order, each label once.
    public var packages: [Package]

    public init(
        name: String, salesOrderID: String, recipientLicense: String, transferType: String = Self.defaultTransferType,
        invoiceNumber: String, transporterLicense: String? = nil, driverName: String? = nil, estimatedDeparture: String? = nil,
        estimatedArrival: String? = nil, packages: [Package]
    ) {
        self.name = name
        self.salesOrderID = salesOrderID
        self.recipientLicense = recipientLicense
        self.transferType = transferType
        self.invoiceNumber = invoiceNumber
        self.transporterLicense = transporterLicense
        self.driverName = driverName
        self.estimatedDeparture = estimatedDeparture
        self.estimatedArrival = estimatedArrival
        self.packages = packages
    }

    /// The package labels, in order.
    public var packageLabels: [String] { packages.map(\.label) }
}
