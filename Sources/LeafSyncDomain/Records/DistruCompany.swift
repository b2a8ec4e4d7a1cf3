import Foundation
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

    public init(json: JSON) throws(RecordDecodingError) {
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
            let street = address?.object != nil ? address?.first("street", "address", "line1", "address1")?.string : address?.string
            let zip = address?.object != nil ? address?.first("zip", "zipcode", "postal_code")?.string : nil
            return Location(id: id, name: loc["name"]?.string, street: street, zip: zip)
        }
        leafLinkCustomerID = json["leaflink_customer_id"]?.int
        defaultInventorySourceID = json.first("default_inventory_source", "default_inventory_source_id", "default_inventory_location_id")?.idString
    }
}

/// A Distru user (`{id, full_name, email, role}`).
public struct DistruUser: Equatable, Sendable {
    public var id: String
    public var fullName: String
    public var email: String?
    public var role: String?

    public init(json: JSON) throws(RecordDecodingError) {
        guard let id = json.unwrappingData["id"]?.idString else { throw .missingField(record: "Distru user", field: "id") }
        let json = json.unwrappingData
        self.id = id
        fullName = json.first("full_name", "name")?.string ?? "user \(id)"
        email = json["email"]?.nonEmptyString
        role = json["role"]?.string
    }

    /// Company admins receive sync-error e-mails (R-ERR-01).
    public var isAdmin: Bool { (role ?? "").lowercased().contains("admin") }
}

/// A Distru location (`{id, name, address, license}`).
public struct DistruLocation: Equatable, Sendable {
    public var id: String
    public var name: String

    public init(json: JSON) throws(RecordDecodingError) {
        guard let id = json.unwrappingData["id"]?.idString else { throw .missingField(record: "Distru location", field: "id") }
        self.id = id
        name = json.unwrappingData["name"]?.string ?? ""
    }
}

/// A Distru tax (`{id, name, percent}`).
public struct DistruTax: Equatable, Sendable {
    public var id: String
    public var name: String
    public var percent: Decimal

    public init(json: JSON) throws(RecordDecodingError) {
        let json = json.unwrappingData
        guard let id = json["id"]?.idString else { throw .missingField(record: "Distru tax", field: "id") }
        guard let percent = json.first("percent", "percentage", "rate")?.decimal else {
            throw .missingField(record: "Distru tax \(id)", field: "percent")
        }
        self.id = id
        name = json["name"]?.string ?? ""
        self.percent = percent
    }
}

/// A Distru invoice with its payments.
public struct DistruInvoice: Equatable, Sendable {
    public struct Payment: Equatable, Sendable {
        public var id: String
        public var amount: Money
        public var datetime: String?
    }

    public var id: String
    public var orderID: String?
    public var orderNumber: String?
    public var payments: [Payment]

    public init(json: JSON) throws(RecordDecodingError) {
        let json = json.unwrappingData
        guard let id = json["id"]?.idString else { throw .missingField(record: "Distru invoice", field: "id") }
        self.id = id
        orderID = json["order"]?.idString ?? json["order_id"]?.idString
        orderNumber = json["order"]?["order_number"]?.string
        var payments: [Payment] = []
        for p in json["payments"]?.array ?? [] {
            guard let pid = p["id"]?.idString else { throw .missingField(record: "Distru invoice \(id) payment", field: "id") }
            guard let amount = p["amount"]?.decimal else { throw .missingField(record: "Distru invoice \(id) payment \(pid)", field: "amount") }
            payments.append(Payment(id: pid, amount: Money(amount), datetime: p.first("payment_datetime", "datetime", "date")?.string))
        }
        self.payments = payments
    }
}
