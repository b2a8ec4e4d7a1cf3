import Foundation
import HTTPClientSupport

/// A LeafLink datetime (`2020-06-10T15:15:03.776119-06:00`): the original text and the instant
/// in microseconds since the Unix epoch. Parsing and formatting are exact (no `Double`).
public struct LeafLinkTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = LeafLinkTimestamp(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO-8601 datetime: \(s)")
        }
        self = v
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    public var description: String { text }
    public static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }
    public static func == (a: Self, b: Self) -> Bool { a.microseconds == b.microseconds }
    public func hash(into h: inout Hasher) { h.combine(microseconds) }

    public func adding(microseconds delta: Int64) -> LeafLinkTimestamp { .init(microseconds: microseconds + delta) }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM)`; a bare date counts as midnight UTC.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for k in from..<(from + len) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        guard let y = num(0, 4), b.count >= 10, b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var seconds = CivilCalendar.days(year: y, month: mo, day: d) * 86_400
        if b.count == 10 { return Int64(seconds) * 1_000_000 }
        guard b.count >= 19, b[10] == UInt8(ascii: "T") || b[10] == 0x20, let h = num(11, 2), b[13] == 58,
              let mi = num(14, 2), b[16] == 58, let s = num(17, 2)
        else { return nil }
        seconds += h * 3600 + mi * 60 + s
        var i = 19
        var micros = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        if i == b.count || (b[i] == UInt8(ascii: "Z") && i + 1 == b.count) {
            // UTC
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = num(i + 1, 2) else { return nil }
            var om = 0
            if i + 3 < b.count {
                let j = b[i + 3] == 58 ? i + 4 : i + 3
                guard let m = num(j, 2), j + 2 == b.count else { return nil }
                om = m
            } else if i + 3 != b.count { return nil }
            let offset = oh * 3600 + om * 60
            seconds -= b[i] == UInt8(ascii: "+") ? offset : -offset
        } else {
            return nil
        }
        return Int64(seconds) * 1_000_000 + Int64(micros)
    }

    /// UTC with microseconds and an explicit offset, as LeafLink writes them: `2026-11-27T16:35:51.123456+00:00`.
    public static func format(_ microseconds: Int64) -> String {
        var secs = microseconds / 1_000_000
        var micros = microseconds % 1_000_000
        if micros < 0 { micros += 1_000_000; secs -= 1 }
        var dayCount = secs / 86_400
        var rem = secs % 86_400
        if rem < 0 { rem += 86_400; dayCount -= 1 }
        let (y, m, d) = CivilCalendar.date(days: Int(dayCount))
        func p(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(Int(rem / 3600), 2)):\(p(Int(rem % 3600 / 60), 2)):\(p(Int(rem % 60), 2)).\(p(Int(micros), 6))+00:00"
    }

    public static func now() -> LeafLinkTimestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return .init(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }
}
