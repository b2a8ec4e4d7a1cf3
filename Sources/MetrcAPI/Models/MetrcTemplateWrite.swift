public import Foundation
public import LeafSyncJSON

/// One outgoing transfer template as `POST`/`PUT /transfers/v2/templates/outgoing` take it:
/// a name, the transporter and driver, and destinations with their packages. Fields left nil
/// are not sent. A person turns the template into a transfer in the Metrc UI.
///
/// ```swift
/// let t = MetrcTemplateWrite(name: "SO-001042", destinations: [
///     .init(recipientLicenseNumber: "402R-00987", transferTypeName: "Wholesale Manifest", invoiceNumber: "SO-001042",
///           packages: [.init(packageLabel: "1A4FF0100000022000001301", wholesalePrice: 480)])])
/// ```
public struct MetrcTemplateWrite: Sendable, Equatable {
    public struct Package: Sendable, Equatable {
        public var packageLabel: String
        public var wholesalePrice: Decimal?

        public init(packageLabel: String, wholesalePrice: Decimal? = nil) {
            self.packageLabel = packageLabel
            self.wholesalePrice = wholesalePrice
        }
    }

    public struct Destination: Sendable, Equatable {
        public var recipientLicenseNumber: String
        /// `Wholesale Manifest`, `Transfer`, … (the types the licence may use).
        public var transferTypeName: String
        public var invoiceNumber: String?
        public var plannedRoute: String?
        public var estimatedDepartureDateTime: String?
        public var estimatedArrivalDateTime: String?
        public var packages: [Package]

        public init(
            recipientLicenseNumber: String, transferTypeName: String, invoiceNumber: String? = nil, plannedRoute: String? = nil,
            estimatedDepartureDateTime: String? = nil, estimatedArrivalDateTime: String? = nil, packages: [Package]
        ) {
            self.recipientLicenseNumber = recipientLicenseNumber
            self.transferTypeName = transferTypeName
            self.invoiceNumber = invoiceNumber
            self.plannedRoute = plannedRoute
            self.estimatedDepartureDateTime = estimatedDepartureDateTime
            self.estimatedArrivalDateTime = estimatedArrivalDateTime
            self.packages = packages
        }
    }

    /// The template to replace (`TransferTemplateId`), for an update; nil to create.
    public var id: Int?
    public var name: String
    public var transporterFacilityLicenseNumber: String?
    public var driverName: String?
    public var driverLicenseNumber: String?
    public var phoneNumberForQuestions: String?
    public var vehicleMake: String?
    public var vehicleModel: String?
    public var vehicleLicensePlateNumber: String?
    public var destinations: [Destination]

    public init(
        id: Int? = nil, name: String, transporterFacilityLicenseNumber: String? = nil, driverName: String? = nil,
        destinations: [Destination]
    ) {
        self.id = id
        self.name = name
        self.transporterFacilityLicenseNumber = transporterFacilityLicenseNumber
        self.driverName = driverName
        self.destinations = destinations
    }

    /// The body Metrc takes, members in Metrc's spelling.
    public var json: JSONValue {
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        var o = JSONObject()
        if let id { o["TransferTemplateId"] = .int(id) }
        o["Name"] = .string(name)
        o["TransporterFacilityLicenseNumber"] = text(transporterFacilityLicenseNumber)
        o["DriverName"] = text(driverName)
        o["DriverLicenseNumber"] = text(driverLicenseNumber)
        o["PhoneNumberForQuestions"] = text(phoneNumberForQuestions)
        o["VehicleMake"] = text(vehicleMake)
        o["VehicleModel"] = text(vehicleModel)
        o["VehicleLicensePlateNumber"] = text(vehicleLicensePlateNumber)
        o["Destinations"] = .array(
            destinations.map { d in
                .object(
                    JSONObject([
                        ("RecipientLicenseNumber", .string(d.recipientLicenseNumber)), ("TransferTypeName", .string(d.transferTypeName)),
                        ("InvoiceNumber", text(d.invoiceNumber)), ("PlannedRoute", text(d.plannedRoute)),
                        ("EstimatedDepartureDateTime", text(d.estimatedDepartureDateTime)),
                        ("EstimatedArrivalDateTime", text(d.estimatedArrivalDateTime)),
                        (
                            "Packages",
                            .array(
                                d.packages.map { p in
                                    .object(
                                        JSONObject([
                                            ("PackageLabel", .string(p.packageLabel)),
                                            ("WholesalePrice", p.wholesalePrice.map { .number("\($0)") } ?? .null),
                                        ]))
                                })
                        ),
                    ]))
            })
        return .object(o)
    }
}
