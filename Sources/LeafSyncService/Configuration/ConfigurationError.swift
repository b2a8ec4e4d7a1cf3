/// A configuration value that is missing, malformed or in the wrong place, found when the
/// service (or a command) starts: what, why, and what to do about it.
///
/// ```
/// LEAFSYNC_DISTRU_API_KEY: not set, but Distru is configured (https://app.distru.com/public/v1/).
/// Export the Distru API key in LEAFSYNC_DISTRU_API_KEY or put it in the secrets file (secrets_file:).
/// ```
///
/// The message never contains a secret's value, only the name of the variable or key that holds it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// The configuration key or environment variable at fault, e.g. `LEAFSYNC_HTTP_PORT (http.port)`.
    public var field: String
    /// What is wrong with it.
    public var problem: String
    /// What the operator should do.
    public var fix: String

    public init(field: String, problem: String, fix: String) {
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(field): \(problem). \(fix)" }
}
