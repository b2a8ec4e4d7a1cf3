import Foundation

/// R-ERR-01: an e-mail about a sync error.
public struct ErrorEmail: Equatable, Sendable {
    public var recipients: [String]
    public var subjectLine: String
    public var body: String
    public var errorID: String
}
