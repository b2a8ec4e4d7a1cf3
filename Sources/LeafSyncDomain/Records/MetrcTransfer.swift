import Foundation
public import LeafSyncJSON

/// A Metrc outgoing transfer with its deliveries and their packages.
public struct MetrcTransfer: Equatable, Sendable {
    public struct Delivery: Equatable, Sendable {
        public var id: String?
        public var recipientLicense: String?
        public var invoiceNumber: String?
        public var packageLabels: [String]
    }

    public var id: String
    public var manifestNumber: String?
    public var name: String?
    public var originatingTemplateID: String?
    public var isVoided: Bool
    public var deliveries: [Delivery]

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json.first("Id", "id")?.idString else { throw .missingField(record: "Metrc transfer", field: "Id") }
        self.id = id
        manifestNumber = json.first("ManifestNumber", "manifest_number")?.string
        name = json.first("Name", "name")?.string
        originatingTemplateID = json.first("OriginatingTemplateId", "originating_template_id")?.idString
        isVoided = json.first("IsVoided", "is_voided")?.bool ?? false
        deliveries = (json.first("deliveries", "Deliveries")?.array ?? []).map { d in
            Delivery(
                id: d.first("Id", "id")?.idString,
                recipientLicense: d.first("RecipientFacilityLicenseNumber", "recipient_license")?.string,
                invoiceNumber: d.first("InvoiceNumber", "invoice_number")?.nonEmptyString,
                packageLabels: (d.first("packages", "Packages")?.array ?? []).compactMap { p in
                    let state = p.first("ShipmentPackageState", "state")?.string?.lowercased()
                    guard state != "rejected", state != "returned" else { return nil }
                    return p.first("PackageLabel", "label")?.string
                }
            )
        }
    }

    /// Every package label on the transfer's deliveries (rejected and returned packages excluded).
    public var packageLabels: Set<String> { Set(deliveries.flatMap(\.packageLabels)) }
}
