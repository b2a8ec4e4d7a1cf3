import Foundation
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

    /// `2026-11-24`, `2026-11-24T15:00:00Z`, `2026-11-24T15:00:00.123456-06:00`, `2026-11-24 15:00`.
    static func parseTime(_ text: String) -> Timestamp? {
        let normalized = text.replacingOccurrences(of: " ", with: "T")
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = withFraction.date(from: normalized) ?? plain.date(from: normalized) { return Timestamp(date) }
        for suffix in [":00Z", "Z"] where normalized.count == 16 || normalized.count == 19 {
            if let date = plain.date(from: normalized + suffix) { return Timestamp(date) }
        }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: normalized) { return Timestamp(date) }
        return nil
    }
}
