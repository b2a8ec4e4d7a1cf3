import LeafSyncJSON
import LeafSyncLog

/// Reads `--until`/`--from`/`--to` values: a sequence number, a date, or a date and time.
enum PointInLog: Equatable {
    case sequence(UInt64)
    case time(Timestamp)

    init?(_ text: String) {
        if let sequence = UInt64(text) {
            self = .sequence(sequence)
            return
        }
        guard let time = Self.parseTime(text) else { return nil }
        self = .time(time)
    }

    /// `2026-11-24`, `2026-11-24T15:00:00Z`, `2026-11-24T15:00:00.123456-06:00`, `2026-11-24 15:00`
    /// (no zone is UTC), read by LeafSyncJSON's ``ISO8601Text``.
    static func parseTime(_ text: String) -> Timestamp? {
        ISO8601Text.microseconds(text).map(Timestamp.init(microseconds:))
    }
}
