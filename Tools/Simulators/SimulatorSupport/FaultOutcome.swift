import HTTPTypes
public import Hummingbird

/// What a simulator does with one API call once its ``FaultInjector`` has decided: answer at
/// once (a scripted or random status, a dropped connection), or process it, perhaps cutting the
/// answer in half or losing it.
public enum FaultOutcome: Sendable {
    case answer(Response)
    case proceed(malformed: Bool, loseResponse: Bool)
}

extension FaultInjector {
    /// Decides the call, waits its latency, and turns the decision into a ``FaultOutcome``: a
    /// status is answered with `errorBody(status)` (and `Retry-After` when the fault gives one),
    /// a drop sends `dropPrefix` and closes the connection.
    public func outcome(
        apiKey: String, userAgent: String?, dropPrefix: String, errorBody: @Sendable (Int) -> [UInt8]
    ) async -> FaultOutcome {
        let (decision, latency) = decide(apiKey: apiKey, userAgent: userAgent)
        if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }
        switch decision {
        case .status(let status, let retryAfter):
            var r = SimHTTP.json(status, bytes: errorBody(status))
            if let retryAfter { r.headers[HTTPField.Name("Retry-After")!] = String(retryAfter) }
            return .answer(r)
        case .drop:
            return .answer(SimHTTP.dropped(prefix: dropPrefix))
        case .proceed(let malformed, let lose):
            return .proceed(malformed: malformed, loseResponse: lose)
        }
    }
}
