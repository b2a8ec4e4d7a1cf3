import ArgumentParser
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections

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

extension ReplayLimit {
    /// Where a replay stops for `--until` (or starts a change for `--after`): the end when `text` is
    /// nil; a text that is neither a sequence nor a time is a usage error.
    static func parsing(_ text: String?) throws -> ReplayLimit {
        guard let text else { return .end }
        switch PointInLog(text) {
        case let .sequence(sequence)?: return .sequence(sequence)
        case let .time(time)?: return .time(time)
        case nil: throw ValidationError(QueryError.badTime(text).description)
        }
    }
}
