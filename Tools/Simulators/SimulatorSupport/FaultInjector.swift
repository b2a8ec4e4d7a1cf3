import Foundation

/// Decides, per API call, whether a simulator misbehaves: scripted faults first, then the
/// rolling rate limit, then the random rates of ``FaultSettings``.
public actor FaultInjector {
    public var settings: FaultSettings
    private var script: [ScriptedFault] = []
    private var recent: [String: [ContinuousClock.Instant]] = [:]
    /// API calls seen (for tests: "nothing more was asked").
    public private(set) var apiCalls = 0
    /// The `User-Agent` of the last API call.
    public private(set) var lastUserAgent: String?

    public init(settings: FaultSettings) { self.settings = settings }

    public func update(_ settings: FaultSettings) { self.settings = settings }

    /// Queues answers for the next API calls, one each.
    public func enqueue(_ faults: [ScriptedFault]) { script += faults }

    public func clearScript() { script = [] }

    /// What to do with one API call.
    public enum Decision: Sendable, Equatable {
        /// Answer normally; `malformed` cuts the body in half, `loseResponse` processes the call
        /// and then closes the connection instead of answering.
        case proceed(malformed: Bool, loseResponse: Bool)
        /// Answer with this status without processing the call.
        case status(Int, retryAfter: Int?)
        /// Close the connection without processing the call.
        case drop
    }

    /// The decision for the next API call and the latency to add before it (milliseconds).
    public func decide(apiKey: String, userAgent: String?) -> (Decision, latencyMs: Int) {
        apiCalls += 1
        lastUserAgent = userAgent
        let latency = settings.latencyMs
        if !script.isEmpty {
            switch script.removeFirst() {
            case .status(let s, let ra): return (.status(s, retryAfter: ra), latency)
            case .malformed: return (.proceed(malformed: true, loseResponse: false), latency)
            case .drop: return (.drop, latency)
            case .loseResponse: return (.proceed(malformed: false, loseResponse: true), latency)
            case .delay(let ms): return (.proceed(malformed: false, loseResponse: false), latency + ms)
            }
        }
        if let limit = settings.rateLimitPerMinute {
            let now = ContinuousClock.now
            var window = recent[apiKey, default: []].filter { $0.duration(to: now) < .seconds(60) }
            if window.count >= limit {
                recent[apiKey] = window
                return (.status(429, retryAfter: settings.retryAfterSeconds), latency)
            }
            window.append(now)
            recent[apiKey] = window
        }
        if settings.dropRate > 0, Double.random(in: 0..<1) < settings.dropRate { return (.drop, latency) }
        if settings.errorRate > 0, Double.random(in: 0..<1) < settings.errorRate {
            return (.status(settings.errorStatus, retryAfter: nil), latency)
        }
        let malformed = settings.malformedRate > 0 && Double.random(in: 0..<1) < settings.malformedRate
        return (.proceed(malformed: malformed, loseResponse: false), latency)
    }
}
