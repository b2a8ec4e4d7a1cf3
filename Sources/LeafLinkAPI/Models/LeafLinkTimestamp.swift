import Foundation
public import HTTPClientSupport
import LeafSyncJSON

/// A LeafLink datetime (`2020-06-10T15:15:03.776119-06:00`): the original text and the instant
/// in microseconds since the Unix epoch. Parsing and formatting are exact (no `Double`), by
/// LeafSyncJSON's ``ISO8601Text``.
public struct LeafLinkTimestamp: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    public var microseconds: Int64
    public var text: String

    public init(microseconds: Int64) {
        self.microseconds = microseconds
        self.text = LeafLinkTimestamp.format(microseconds)
    }

    public init?(_ text: String) {
        guard let us = LeafLinkTimestamp.parse(text) else { return nil }
        self.microseconds = us
        self.text = text
    }

    public var description: String { text }
    public static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }
    public static func == (a: Self, b: Self) -> Bool { a.microseconds == b.microseconds }
    public func hash(into h: inout Hasher) { h.combine(microseconds) }

    public func adding(microseconds delta: Int64) -> LeafLinkTimestamp { .init(microseconds: microseconds + delta) }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM)`; a bare date counts as midnight UTC.
    public static func parse(_ text: String) -> Int64? { ISO8601Text.microseconds(text) }

    /// UTC with microseconds and an explicit offset, as LeafLink writes them: `2026-11-27T16:35:51.123456+00:00`.
    public static func format(_ microseconds: Int64) -> String { ISO8601Text.format(microseconds: microseconds, utc: .offset) }

    public static func now() -> LeafLinkTimestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return .init(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }
}
