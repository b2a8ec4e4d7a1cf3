/// A value that must never be printed: an API key, a webhook secret, the admin token, a password.
///
/// Every way Swift turns a value into text shows `****`: `print`, string interpolation,
/// `String(describing:)`, `String(reflecting:)`, `debugPrint` and `dump` (the mirror has no
/// children). Only ``value`` gives the secret itself, so each place that sends it is explicit:
///
/// ```swift
/// let client = LeafLinkClient(configuration: LeafLinkConfiguration(baseURL: url, apiKey: key.value))
/// logger.info("LeafLink key: \(key)")   // LeafLink key: ****
/// ```
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself. Hand it to what needs it (a client, a signature check); never log it.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "****" }
    public var debugDescription: String { "****" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
