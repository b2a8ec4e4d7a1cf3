import LeafSyncJSON
public import LeafSyncLog

/// The remote systems' datetimes as log ``Timestamp``s, read by LeafSyncJSON's ``ISO8601Text``
/// (no clock, no locale).
public enum ISO8601 {
    /// `2020-06-10T15:15:03.776119-06:00`, `2026-11-20T15:53:07.137980Z`, `2026-11-20 15:53:07`
    /// or a bare date `2026-11-20` (midnight UTC). `nil` when the text is not such a time.
    public static func parse(_ text: String) -> Timestamp? {
        ISO8601Text.microseconds(text).map(Timestamp.init(microseconds:))
    }

    /// `YYYY-MM-DD` of a timestamp, in UTC.
    public static func date(_ t: Timestamp) -> String { ISO8601Text.date(microseconds: t.microseconds) }
}
