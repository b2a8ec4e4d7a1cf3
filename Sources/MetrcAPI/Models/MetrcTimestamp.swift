public import Foundation
import LeafSyncJSON

/// A Metrc instant (`LastModified`, `lastModifiedStart`): microseconds since 1970 in UTC,
/// written `YYYY-MM-DDTHH:MM:SS.ssssssZ`. Parsing accepts Metrc's own `2026-12-03T17:34:36+00:00`
/// and any offset.
public struct MetrcTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(date: Date) { self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    public static var now: MetrcTimestamp { MetrcTimestamp(date: Date()) }

    public static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }

    public init?(_ text: String) {
        guard let microseconds = ISO8601Text.microseconds(text) else { return nil }
        self.microseconds = microseconds
    }

    /// `YYYY-MM-DDTHH:MM:SS.ssssssZ` (no `+`, which a query would have to escape).
    public var text: String { ISO8601Text.format(microseconds: microseconds, utc: .z) }

    /// Metrc's record form, `…+00:00`.
    public var recordText: String { ISO8601Text.format(microseconds: microseconds, utc: .offset) }

    public var description: String { text }
}
