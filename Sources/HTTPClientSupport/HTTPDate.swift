public import Foundation

/// HTTP dates (`Sun, 06 Nov 1994 08:49:37 GMT`) and `Retry-After` values.
public enum HTTPDate {
    public static func parse(_ s: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: s.trimmingCharacters(in: .whitespaces))
    }

    /// `Retry-After` as seconds from now, from either form: delta-seconds or an HTTP date (a
    /// date in the past is 0). Nil when it is neither.
    public static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v) { return max(0, s) }
        guard let date = parse(v) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
