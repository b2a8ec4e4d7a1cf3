import Foundation
public import LeafSyncJSON

/// A Distru company (customer), read-only in the API.
public struct DistruCompany: Equatable, Sendable {
    public struct Location: Equatable, Sendable {
        public var id: String
        public var name: String?
        /// Street (or the whole address when Distru sends a single string).
        public var street: String?
        public var zip: String?
    }

    public var id: String
    public var name: String
    public var legalBusinessName: String?
    /// Active license numbers.
    public var licenseNumbers: [String]
    public var locations: [Location]
    public var leafLinkCustomerID: Int?
    /// The company's default inventory source, used when R-ORD-03's setting is on.
    public var defaultInventorySourceID: String?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        let json = json.unwrappingData
        guard let id = json["id"]?.idString else { throw .missingField(record: "Distru company", field: "id") }
        self.id = id
        name = json["name"]?.string ?? ""
        legalBusinessName = json["legal_business_name"]?.nonEmptyString
        licenseNumbers = (json["licenses"]?.array ?? []).compactMap { license in
            guard license["active"]?.bool ?? true else { return nil }
            return license.first("license_number", "number")?.nonEmptyString ?? license.nonEmptyString
        }
        locations = (json["locations"]?.array ?? []).compactMap { loc in
            guard let id = loc["id"]?.idString else { return nil }
            let address = loc["address"]
            let street = address?.isObject == true ? address?.first("street", "address", "line1", "address1")?.string : address?.string
            let zip = address?.isObject == true ? address?.first("zip", "zipcode", "postal_code")?.string : nil
            return Location(id: id, name: loc["name"]?.string, street: street, zip: zip)
        }
        leafLinkCustomerID = json["leaflink_customer_id"]?.int
        defaultInventorySourceID =
            json.first("default_inventory_source", "default_inventory_source_id", "default_inventory_location_id")?.idString
    }
}
