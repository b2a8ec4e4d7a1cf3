/// Why the demo stopped: a call failed, or something it waited for did not happen in time.
public struct DemoError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
