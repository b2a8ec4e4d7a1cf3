public import Foundation
import HTTPClientSupport
import LeafSyncJSON

/// A Distru decimal: sent as a string (`"25.000000"`), decoded exactly (never through `Double`).
/// Plain JSON numbers are accepted too.
public struct DistruDecimal: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: Decimal

    public init(_ value: Decimal) { self.value = value }

    public init?(text: String) {
        guard let d = DecimalText.parse(text) else { return nil }
        value = d
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self), let d = DistruDecimal(text: s) {
            self = d
        } else if let d = try? c.decode(Decimal.self) {
            value = d
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a decimal")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// Distru's text: six decimal places (`"25.000000"`).
    public var text: String { Self.text(value) }

    public var description: String { text }

    /// `d` with six decimal places, rounded half away from zero.
    public static func text(_ d: Decimal, places: Int = 6) -> String { DecimalText.fixed(d, places: places) }
}
