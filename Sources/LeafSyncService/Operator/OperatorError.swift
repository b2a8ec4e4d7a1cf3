/// Why the operator desk refused a request before recording anything: the input `field` that is
/// wrong (`rep`, `user`, `product`, …) and what to give instead. Nothing invalid enters the log.
public struct OperatorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The input that is wrong, as the CLI argument or API member is named.
    public var field: String
    /// What is wrong and what to do about it.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
