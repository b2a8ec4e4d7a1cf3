/// One HTTP call as it appears in errors and logs: method, path and query (API keys travel in
/// headers and never appear here), and how many attempts it took.
public struct HTTPCall: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var url: String
    public var attempts: Int
    public var description: String { "\(method) \(url) (\(attempts) attempt\(attempts == 1 ? "" : "s"))" }

    public init(method: String, url: String, attempts: Int) {
        self.method = method
        self.url = url
        self.attempts = attempts
    }
}
