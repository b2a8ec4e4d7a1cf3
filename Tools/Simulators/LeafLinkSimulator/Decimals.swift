import Foundation
import LeafLinkAPI

/// Decimal helpers: parsing JSON numbers or strings, and LeafLink's text forms.
enum Dec {
    static let posix = Locale(identifier: "en_US_POSIX")

    static func from(_ v: JSONValue?) -> Decimal? {
        switch v {
        case .number(let s)?, .string(let s)?: Decimal(string: s, locale: posix)
        case .object(let o)?: from(o["amount"])
        default: nil
        }
    }

    /// Fixed places: `fixed(24, 4)` → `24.0000`.
    static func fixed(_ d: Decimal, _ places: Int) -> String {
        var v = d
        var r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        var s = "\(r)"
        let have = s.split(separator: ".").dropFirst().first?.count ?? 0
        if places > 0 && have == 0 { s += "." }
        return s + String(repeating: "0", count: max(0, places - have))
    }

    /// A JSON number written from the decimal's text (never through Double).
    static func number(_ d: Decimal) -> JSONValue {
        var v = d
        var r = Decimal()
        NSDecimalRound(&r, &v, 2, .plain)
        return .number("\(r)")
    }

    static func money(_ d: Decimal) -> JSONValue { ["amount": number(d), "currency": "USD"] }
    static func moneyText(_ d: Decimal) -> JSONValue { ["amount": .string(fixed(d, 2)), "currency": "USD"] }
}
