/// The Metrc lists LeafSync reads, relative to the API root.
public enum MetrcResource: String, Sendable, CaseIterable, Codable {
    /// `GET /transfers/v2/outgoing?licenseNumber=…`: the facility's outgoing transfers.
    case outgoingTransfers = "transfers/v2/outgoing"
    /// `GET /transfers/v2/templates/outgoing?licenseNumber=…`: its outgoing transfer templates.
    case outgoingTemplates = "transfers/v2/templates/outgoing"

    public var path: String { rawValue }
}
