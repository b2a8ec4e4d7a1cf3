public import LeafSyncDomain
import LeafSyncJSON

/// Delivers `sendErrorEmail` commands (R-ERR-01). TEMPORARY until LeafSyncMail lands.
public struct ErrorMailer: Sendable {
    let deliver: @Sendable (ErrorEmail, String) async throws -> Void
    public init(deliver: @escaping @Sendable (ErrorEmail, String) async throws -> Void) { self.deliver = deliver }
    func send(_ email: ErrorEmail, key: String) async throws -> JSONValue {
        try await deliver(email, key)
        return .object(["recipients": .int(email.recipients.count)])
    }
}
