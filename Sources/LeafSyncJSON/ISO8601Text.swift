/// ISO-8601 datetimes as the remote systems write them, parsed and formatted exactly: integers
/// only, no clock, no locale, no `Double`. The one datetime parser of the code base.
///
/// ```swift
/// ISO8601Text.microseconds("2020-06-10T15:15:03.776119-06:00")   // 1591802103776119
/// ISO8601Text.format(microseconds: 1591802103776119)               // "2020-06-10T21:15:03.776119Z"
/// ```
public enum ISO8601Text {
    /// How ``format(microseconds:utc:)`` writes UTC.
    public enum UTCSuffix: String, Sendable {
        /// `Z`, as the log and Distru write it.
        case z = "Z"
        /// `+00:00`, as LeafLink writes it.
        case offset = "+00:00"
    }

    /// Microseconds since 1970-01-01T00:00:00Z of a datetime written
    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]][Z|±HH[[:]MM]]]`: a bare date is midnight UTC, no
    /// zone is UTC, fraction digits past the sixth are dropped. `nil` when the text is not such
    /// a datetime.
    public static func microseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { microseconds(utf8: $0) }
    }

    /// ``microseconds(_:)`` over UTF-8 bytes.
    public static func microseconds(utf8 b: UnsafeBufferPointer<UInt8>) -> Int64? {
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for k in from..<from + count {
                guard (0x30...0x39).contains(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard b.count >= 10, let year = num(0, 4), b[4] == UInt8(ascii: "-"), let month = num(5, 2),
            b[7] == UInt8(ascii: "-"), let day = num(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0, micros = 0, offsetSeconds = 0
        var i = 10
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " "), let h = num(i + 1, 2), b.count > i + 3,
                b[i + 3] == UInt8(ascii: ":"), let m = num(i + 4, 2)
            else { return nil }
            hour = h; minute = m
            i += 6
            if i < b.count, b[i] == UInt8(ascii: ":") {
                guard let s = num(i + 1, 2) else { return nil }
                second = s
                i += 3
            }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var digits = 0
                while i < b.count, (0x30...0x39).contains(b[i]) {
                    if digits < 6 { micros = micros * 10 + Int(b[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 6) { micros *= 10 }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    guard let oh = num(i + 1, 2) else { return nil }
                    var om = 0
                    if i + 3 < b.count, b[i + 3] == UInt8(ascii: ":") {
                        guard let m = num(i + 4, 2) else { return nil }
                        om = m; i += 6
                    } else if let m = num(i + 3, 2) {
                        om = m; i += 5
                    } else {
                        i += 3
                    }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
            guard i == b.count, hour < 24, minute < 60, second < 61 else { return nil }
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return seconds * 1_000_000 + Int64(micros)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffff` in UTC, then `Z` or `+00:00`.
    public static func format(microseconds: Int64, utc suffix: UTCSuffix = .z) -> String {
        let (days, micros) = split(microseconds)
        let (y, m, d) = CivilCalendar.date(days: days)
        let second = micros / 1_000_000
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))."
            + pad(micros % 1_000_000, 6) + suffix.rawValue
    }

    /// `YYYY-MM-DD` in UTC.
    public static func date(microseconds: Int64) -> String {
        let (y, m, d) = CivilCalendar.date(days: split(microseconds).days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Whole days since 1970 and the microseconds into that day (both floored, so before 1970 too).
    private static func split(_ microseconds: Int64) -> (days: Int, micros: Int) {
        let perDay: Int64 = 86_400_000_000
        var days = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 { rest += perDay; days -= 1 }
        return (Int(days), Int(rest))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Days since 1970-01-01 ↔ proleptic Gregorian dates, without Foundation's calendars (Howard
/// Hinnant's `days_from_civil` and `civil_from_days`).
public enum CivilCalendar {
    /// Days since 1970-01-01 of year `y0`, month `m` (1–12), day `d`.
    public static func days(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of a day count since 1970-01-01.
    public static func date(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
