/// Monotonic wall-clock timing for benchmarks, on `ContinuousClock`.
struct Stopwatch {
    private static let clock = ContinuousClock()
    private let start = Stopwatch.clock.now

    var elapsedSeconds: Double {
        let elapsed = Self.clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let watch = Stopwatch()
        let value = try body()
        return (value, watch.elapsedSeconds)
    }

    /// Runs `body` `count` times; the last result and the median time.
    static func median<T>(of count: Int, _ body: () throws -> T) rethrows -> (T, Double) {
        var times: [Double] = []
        var result: T?
        for _ in 0..<max(1, count) {
            let (value, seconds) = try measure(body)
            result = value
            times.append(seconds)
        }
        return (result!, times.sorted()[times.count / 2])
    }

    /// The async form of ``measure(_:)``, named apart so a trailing closure picks one unambiguously.
    static func measureAsync<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let watch = Stopwatch()
        let value = try await body()
        return (value, watch.elapsedSeconds)
    }
}
