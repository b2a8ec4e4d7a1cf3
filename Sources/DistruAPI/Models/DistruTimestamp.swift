public import Foundation
public import HTTPClientSupport
import LeafSyncJSON

/// A Distru `updated_datetime`: microseconds since 1970 in UTC, written
/// `YYYY-MM-DDTHH:MM:SS.ssssssZ`. Parsing (LeafSyncJSON's ``ISO8601Text``) also accepts no or
/// fewer fraction digits and an offset.
public struct DistruTimestamp: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(date: Date) { self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    public static var now: DistruTimestamp { DistruTimestamp(date: Date()) }

    public static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }

    public func adding(microseconds delta: Int64) -> DistruTimestamp { DistruTimestamp(microseconds: microseconds + delta) }

    public func adding(_ duration: Duration) -> DistruTimestamp {
        let (s, a) = duration.components
        return adding(microseconds: s * 1_000_000 + a / 1_000_000_000_000)
    }

    public init?(_ text: String) {
        guard let microseconds = ISO8601Text.microseconds(text) else { return nil }
        self.microseconds = microseconds
    }

    /// Parses an HTTP `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public init?(httpDate: String) {
        guard let d = HTTPDate.parse(httpDate) else { return nil }
        self.init(microseconds: Int64(d.timeIntervalSince1970) * 1_000_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ssssssZ`.
    public var text: String { ISO8601Text.format(microseconds: microseconds, utc: .z) }

    public var description: String { text }
}
