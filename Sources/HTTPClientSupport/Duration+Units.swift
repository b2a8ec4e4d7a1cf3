/// Whole-unit views of a `Duration`, for NIO's `TimeAmount`, rates and microsecond timestamps.
extension Duration {
    /// The whole duration in nanoseconds (for NIO's `TimeAmount`).
    package var totalNanoseconds: Int64 {
        let (s, a) = components
        return s * 1_000_000_000 + a / 1_000_000_000
    }

    /// The whole duration in microseconds (for the vendors' timestamps).
    package var totalMicroseconds: Int64 {
        let (s, a) = components
        return s * 1_000_000 + a / 1_000_000_000_000
    }

    /// The whole duration in seconds.
    package var totalSeconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) / 1e18
    }
}
