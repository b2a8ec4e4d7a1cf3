public import Foundation
public import LeafSyncJSON

/// A Distru user (`{id, full_name, email, role}`).
public struct DistruUser: Equatable, Sendable {
    public var id: String
    public var fullName: String
    public var email: String?
    public var role: String?

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
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

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
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

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
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
