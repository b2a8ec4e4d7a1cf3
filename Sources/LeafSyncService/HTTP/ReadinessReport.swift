/// Whether the service is ready to take traffic (`GET /readyz`), and why: each check by name
/// with what it found, e.g. `["log": "open", "catch-up": "waiting for the first LeafLink pass"]`.
public struct ReadinessReport: Sendable, Equatable {
    /// True when every check passed: `/readyz` answers 200, else 503.
    public var ready: Bool
    /// Check name → what it found (shown to the operator; never a secret).
    public var checks: [String: String]

    public init(ready: Bool, checks: [String: String] = [:]) {
        self.ready = ready
        self.checks = checks
    }
}
