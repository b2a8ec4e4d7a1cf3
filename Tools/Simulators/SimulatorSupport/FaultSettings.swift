/// Misbehaviour the simulator can be told to show, for API calls only (never `/_sim/`).
/// Read and changed at runtime through `GET|PUT /_sim/settings`.
public struct FaultSettings: Sendable, Codable, Equatable {
    /// Fraction of API calls answered with `errorStatus` (0…1).
    public var errorRate: Double = 0
    public var errorStatus: Int = 503
    /// Added to every API call.
    public var latencyMs: Int = 0
    /// Fraction of successful answers whose body is cut in half (invalid JSON).
    public var malformedRate: Double = 0
    /// Fraction of API calls whose connection is closed mid-answer.
    public var dropRate: Double = 0
    /// Requests per rolling minute per API key before 429 (LeafLink: 300, bursts to 1000). `nil` = no limit.
    public var rateLimitPerMinute: Int? = nil
    /// Seconds sent in `Retry-After` with a 429; `nil` sends no header.
    public var retryAfterSeconds: Int? = 1

    public init() {}
}

/// One scripted answer, used once by the next API call (tests: "429 then success").
public enum ScriptedFault: Sendable, Codable, Equatable {
    /// Answer with this status (and `Retry-After` when given).
    case status(Int, retryAfter: Int?)
    /// Answer normally but with a truncated body.
    case malformed
    /// Close the connection mid-answer.
    case drop
    /// Process the call, then close the connection instead of answering: the client cannot
    /// tell whether it worked (a retried create must not make a second record).
    case loseResponse
    /// Answer normally after this many extra milliseconds (client timeouts).
    case delay(milliseconds: Int)
}
