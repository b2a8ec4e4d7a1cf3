import Foundation
public import LeafSyncJSON

/// A customer in the LeafLink seller's CRM (`/customers/`).
public struct LeafLinkCustomer: Equatable, Sendable {
    public var id: Int
    public var name: String
    public var dba: String?
    public var licenseNumber: String?
    public var address: String?
    public var zipcode: String?
    public var archived: Bool

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json["id"]?.int else { throw .missingField(record: "LeafLink customer", field: "id") }
        self.id = id
        name = json.first("name", "display_name")?.string ?? ""
        dba = json["dba"]?.nonEmptyString
        licenseNumber = json["license_number"]?.nonEmptyString
        address = json["address"]?.nonEmptyString
        zipcode = json["zipcode"]?.nonEmptyString
        archived = json["archived"]?.bool ?? false
    }
}
