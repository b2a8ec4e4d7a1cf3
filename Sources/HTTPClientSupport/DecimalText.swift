import Foundation

/// Exact decimal text, as both APIs send money and quantities: parsed without `Double`, written
/// with a fixed number of places.
public enum DecimalText {
    public static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses `"24.0000"`, `"-5"`, `"1e3"` exactly; nil when the text is not a number.
    public static func parse(_ text: String) -> Decimal? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }) else { return nil }
        return Decimal(string: t, locale: posix)
    }

    /// A decimal given as a JSON number or string.
    public static func from(_ value: JSONValue?) -> Decimal? {
        switch value {
        case .number(let s)?, .string(let s)?: parse(s)
        default: nil
        }
    }

    /// `d` rounded half away from zero to `places`.
    public static func rounded(_ d: Decimal, places: Int) -> Decimal {
        var v = d
        var r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }

    /// `d` with exactly `places` decimals: `fixed(24, places: 4)` → `"24.0000"`.
    public static func fixed(_ d: Decimal, places: Int) -> String {
        var s = "\(rounded(d, places: places))"
        let have = s.split(separator: ".").dropFirst().first?.count ?? 0
        if places > 0, have == 0 { s += "." }
        return s + String(repeating: "0", count: max(0, places - have))
    }
}
