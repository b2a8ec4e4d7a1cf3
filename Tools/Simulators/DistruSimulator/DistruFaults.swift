/// Misbehaviour for API calls (never `/_sim/`): scripted answers for the next calls, then a
/// random error rate.
public actor DistruFaults {
    /// One scripted answer, used once by the next API call.
    public enum Fault: Sendable, Equatable {
        /// Answer with this status (and `Retry-After` when given) without processing the call.
        case status(Int, retryAfter: Int?)
        /// Close the connection without processing the call.
        case drop
        /// Process the call, then close the connection before the answer: the client never
        /// learns whether it worked (the retried-create case).
        case loseResponse
        /// Wait this many milliseconds before answering normally (client timeouts).
        case delay(milliseconds: Int)
    }

    public var errorRate: Double
    public var errorStatus: Int = 503
    private var script: [Fault] = []
    /// API calls seen.
    public private(set) var apiCalls = 0

    public init(errorRate: Double = 0) { self.errorRate = errorRate }

    public func enqueue(_ faults: [Fault]) { script += faults }
    public func clear() { script = [] }
    public func setErrorRate(_ rate: Double, status: Int = 503) {
        errorRate = rate
        errorStatus = status
    }

    func next() -> Fault? {
        apiCalls += 1
        if !script.isEmpty { return script.removeFirst() }
        if errorRate > 0, Double.random(in: 0..<1) < errorRate { return .status(errorStatus, retryAfter: nil) }
        return nil
    }
}
