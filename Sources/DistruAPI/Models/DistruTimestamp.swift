public import Foundation
import HTTPClientSupport

/// A Distru `updated_datetime`: microseconds since 1970 in UTC, written
/// `YYYY-MM-DDTHH:MM:SS.ssssssZ`. Parsing also accepts no or fewer fraction digits and a
/// `+00:00` offset.
public struct DistruTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
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
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard (48...57).contains(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 19, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              b[10] == 84 || b[10] == 32, let h = num(11, 2), b[13] == 58, let mi = num(14, 2), b[16] == 58, let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var micros = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, (48...57).contains(b[i]) {
                if digits < 6 { micros = micros * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 90, i == b.count - 1 {
                i += 1
            } else if b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), b.count > i + 3, b[i + 3] == 58, let om = num(i + 4, 2), i + 6 == b.count {
                offset = (b[i] == 43 ? 1 : -1) * (oh * 3600 + om * 60)
                i += 6
            } else {
                return nil
            }
        }
        let days = CivilCalendar.days(year: y, month: mo, day: d)
        let seconds = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s) - Int64(offset)
        microseconds = seconds * 1_000_000 + Int64(micros)
    }

    /// Parses an HTTP `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public init?(httpDate: String) {
        guard let d = HTTPDate.parse(httpDate) else { return nil }
        self.init(microseconds: Int64(d.timeIntervalSince1970) * 1_000_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ssssssZ`.
    public var text: String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let micros = Int(microseconds - seconds * 1_000_000)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rem = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = CivilCalendar.date(days: days)
        func p(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(rem / 3600, 2)):\(p(rem / 60 % 60, 2)):\(p(rem % 60, 2)).\(p(micros, 6))Z"
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let t = DistruTimestamp(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a Distru timestamp: \(s)")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}
