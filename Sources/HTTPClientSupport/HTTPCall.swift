/// One HTTP call as it appears in errors and logs: the service it went to, method, path and
/// query (API keys travel in headers and never appear here), and how many attempts it took.
public struct HTTPCall: Sendable, Hashable, CustomStringConvertible {
    /// `LeafLink`, `Distru`: who was called (empty for a call made up in a test).
    public var service: String
    public var method: String
    public var url: String
    public var attempts: Int
    public var description: String { "\(method) \(url) (\(attempts) attempt\(attempts == 1 ? "" : "s"))" }

    public init(service: String = "", method: String, url: String, attempts: Int) {
        self.service = service
        self.method = method
        self.url = url
        self.attempts = attempts
    }
}
