import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

/// LeafLink's decimal forms over LeafSyncJSON's ``DecimalText``: money objects, numbers, fixed text.
enum Dec {
    /// A JSON number or string, or a money object's `amount`.
    static func from(_ v: JSONValue?) -> Decimal? { v?.decimal }

    /// Fixed places: `fixed(24, 4)` → `24.0000`.
    static func fixed(_ d: Decimal, _ places: Int) -> String { DecimalText.fixed(d, places: places) }

    /// A JSON number written from the decimal's text (never through Double).
    static func number(_ d: Decimal) -> JSONValue { .number("\(DecimalText.rounded(d, places: 2))") }

    static func money(_ d: Decimal) -> JSONValue { ["amount": number(d), "currency": "USD"] }
    static func moneyText(_ d: Decimal) -> JSONValue { ["amount": .string(fixed(d, 2)), "currency": "USD"] }
}
