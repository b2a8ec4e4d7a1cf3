import Foundation
public import LeafSyncJSON

/// A LeafLink company-staff member, i.e. a possible sales rep (`/company-staff/`).
public struct LeafLinkStaff: Equatable, Sendable {
    public var id: Int
    public var displayName: String
    public var email: String?
    public var isActive: Bool

    public init<J: JSONReadable>(json: J) throws(RecordDecodingError) {
        guard let id = json["id"]?.int else { throw .missingField(record: "LeafLink company staff", field: "id") }
        self.id = id
        displayName = json.first("display_name", "user", "name")?.string ?? "staff \(id)"
        email = json["email"]?.nonEmptyString
        isActive = json["is_active"]?.bool ?? true
    }
}
