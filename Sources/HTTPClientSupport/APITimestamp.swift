import Foundation

/// A vendor's timestamp: an instant to the microsecond with the exact text form that vendor
/// writes. The fetch cursor (``FetchCursor``) and the server clock of a response
/// (``APIResponse/serverDate``) work on any of them.
public protocol APITimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    var microseconds: Int64 { get }
    init(microseconds: Int64)
    /// The vendor's text form, as sent in filters and stored in cursor events.
    var text: String { get }
    /// Parses the vendor's text form; nil when it is not one.
    init?(_ text: String)
    /// Parses an HTTP `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`), to the second.
    init?(httpDate: String)
}

extension APITimestamp {
    public init?(httpDate: String) {
        guard let date = HTTPDate.parse(httpDate) else { return nil }
        self.init(microseconds: Int64(date.timeIntervalSince1970) * 1_000_000)
    }

    /// This instant moved by `duration` (negative to go back).
    public func moved(by duration: Duration) -> Self {
        Self(microseconds: microseconds + duration.totalMicroseconds)
    }
}
