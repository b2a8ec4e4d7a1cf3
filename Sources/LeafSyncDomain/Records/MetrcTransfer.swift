import Foundation
public import LeafSyncJSON

/// A Metrc outgoing transfer with its deliveries and their packages: the `metrc.transfer.observed`
/// payload, which is the `GET /transfers/v2/outgoing` row plus `Deliveries` (each a
/// `GET /transfers/v2/{id}/deliveries` row) with their `Packages`
/// (`GET /transfers/v2/deliveries/{id}/packages` rows). Lower-case member names are read too.
public struct MetrcTransfer: Equatable, Sendable {
    public struct Delivery: Equatable, Sendable {
        public var id: String?
        public var recipientLicense: String?
        public var invoiceNumber: String?
        /// Labels of the packages still on the delivery (`ShipmentPackageState` Shipped or Accepted).
        public var packageLabels: [String]
        /// Labels of the packages the recipient rejected or sent back (`Rejected`, `Returned`): not delivered.
        public var rejectedPackageLabels: [String] = []
    }

    public var id: String
    public var manifestNumber: String?
    public var name: String?
    public var originatingTemplateID: String?
    public var isVoided: Bool
    /// `CreatedDateTime`: when the transfer was registered; the date the recipient-licence match
    /// (R-MTC-02, ``MetrcMatchWindow``) compares with the SO's dates.
    public var created: String?
    /// `LastModified`: a change (voided, packages rejected) makes the fetcher observe it again.
    public var lastModified: String?
    public var deliveries: [Delivery]

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json.first("Id", "id")?.idString else { throw .missingField(record: "Metrc transfer", field: "Id") }
        self.id = id
        manifestNumber = json.first("ManifestNumber", "manifest_number")?.string
        name = json.first("Name", "name")?.string
        originatingTemplateID = json.first("OriginatingTemplateId", "originating_template_id")?.idString
        isVoided = json.first("IsVoided", "is_voided")?.bool ?? false
        created = json.first("CreatedDateTime", "created")?.nonEmptyString
        lastModified = json.first("LastModified", "last_modified")?.nonEmptyString
        deliveries = (json.first("deliveries", "Deliveries")?.array ?? []).map { d in
            var delivery = Delivery(
                id: d.first("Id", "id")?.idString,
                recipientLicense: d.first("RecipientFacilityLicenseNumber", "recipient_license")?.string,
                invoiceNumber: d.first("InvoiceNumber", "invoice_number")?.nonEmptyString,
                packageLabels: [])
            for p in d.first("packages", "Packages")?.array ?? [] {
                guard let label = p.first("PackageLabel", "label")?.string else { continue }
                switch p.first("ShipmentPackageState", "state")?.string?.lowercased() {
                case "rejected", "returned": delivery.rejectedPackageLabels.append(label)
                default: delivery.packageLabels.append(label)
                }
            }
            return delivery
        }
    }

    /// Every package label on the transfer's deliveries (rejected and returned packages excluded).
    public var packageLabels: Set<String> { Set(deliveries.flatMap(\.packageLabels)) }

    /// The labels of rejected or returned packages, sorted.
    public var rejectedPackageLabels: [String] { deliveries.flatMap(\.rejectedPackageLabels).sorted() }

    /// The manifest number when Metrc gave one, else the id: what a person finds in the Metrc UI.
    public var displayName: String { manifestNumber ?? id }
}
