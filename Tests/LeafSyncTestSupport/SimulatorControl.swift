public import LeafSyncJSON
public import NIOHTTP1

/// A running simulator's `/_sim/` control surface: seeding, settings, scripted changes.
public protocol SimulatorControl: Sendable {
    /// The server root (`http://127.0.0.1:<port>`), without the API path.
    var rootURL: String { get }
}

/// A `/_sim/` control call on `sim`; throws ``SimCallFailed`` on a non-200.
@discardableResult
public func control(_ sim: some SimulatorControl, _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue
{
    let (status, bytes) = try await rawRequest(sim.rootURL + path, method: method, body: body?.serialized())
    guard status == 200 else { throw SimCallFailed(status: status, body: String(decoding: bytes, as: UTF8.self)) }
    return try JSONParser.parse(bytes)
}

/// A control call the simulator refused.
public struct SimCallFailed: Error, CustomStringConvertible {
    public var status: Int
    public var body: String
    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
    public var description: String { "control call failed with \(status): \(body)" }
}
