#if canImport(Glibc)
import Glibc
#endif

/// Monotonic wall-clock timing for benchmarks.
struct Stopwatch {
    private let start: UInt64 = Stopwatch.nanoseconds()

    var elapsedSeconds: Double { Double(Stopwatch.nanoseconds() - start) / 1e9 }

    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
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

    static func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let watch = Stopwatch()
        let value = try await body()
        return (value, watch.elapsedSeconds)
    }
}
