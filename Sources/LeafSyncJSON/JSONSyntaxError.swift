/// Why a text is not JSON, and where: the one error of every parse in this module (documents,
/// trees and the byte-range scans). Wrap it into your own error where a record is concerned.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset at which the text stops being JSON.
    public var offset: Int
    /// What was found there, e.g. `expected , or }`.
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
