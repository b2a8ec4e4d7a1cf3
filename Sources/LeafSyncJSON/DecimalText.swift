public import Foundation

/// Exact decimal text, as both remote APIs send money and quantities: parsed without `Double`,
/// written with a fixed number of places. The one decimal-scalar parser of the code base.
///
/// ```swift
/// DecimalText.parse("24.0000")                       // 24
/// DecimalText.fixed(2.675, places: 2)                // "2.68"  (half away from zero)
/// DecimalText.fixed(2.665, places: 2, rule: .bankers) // "2.66"  (half even)
/// ```
public enum DecimalText {
    public static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses decimal text (`-12.50`, `24.0000`, `+5`, `1e3`), ignoring surrounding white space;
    /// `nil` for anything else (`12abc`, `1.2.3`, `""`).
    public static func parse(_ text: String) -> Decimal? {
        let text = text.trimmingSpaces
        let scalars = Array(text.utf8)
        guard !scalars.isEmpty else { return nil }
        var i = 0
        if scalars[i] == UInt8(ascii: "-") || scalars[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0, dots = 0
        while i < scalars.count {
            let c = scalars[i]
            if (0x30...0x39).contains(c) {
                digits += 1
            } else if c == UInt8(ascii: ".") {
                dots += 1
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                break
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, dots <= 1 else { return nil }
        if i < scalars.count {
            i += 1
            if i < scalars.count, scalars[i] == UInt8(ascii: "-") || scalars[i] == UInt8(ascii: "+") { i += 1 }
            guard i < scalars.count else { return nil }
            while i < scalars.count { guard (0x30...0x39).contains(scalars[i]) else { return nil }; i += 1 }
        }
        return Decimal(string: text, locale: posix)
    }

    /// A decimal given as a JSON number or a numeric string (not a money object; see
    /// ``JSONReadable/decimal`` for that).
    public static func from(_ value: JSONValue?) -> Decimal? {
        switch value {
        case .number(let s)?, .string(let s)?: parse(s)
        default: nil
        }
    }

    /// A fast path for plain amounts (`24.0000`, `-12.50`, `594`): at most 18 digits, no sign but
    /// `-`, no exponent, no spaces. `nil` means "not plain", not "invalid": use ``parse(_:)``.
    public static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        plainParts(bytes)?.decimal
    }

    /// The integers of a plain amount (see ``parsePlain(_:)``), for exact integer arithmetic.
    public static func plainParts(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainDecimal? {
        var i = 0
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var significand: UInt64 = 0
        var digits = 0, fraction = 0
        var afterDot = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                significand = significand &* 10 &+ UInt64(c &- 0x30)
                digits += 1
                if afterDot { fraction += 1 }
            } else if c == UInt8(ascii: "."), !afterDot, digits > 0 {
                afterDot = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 18, !afterDot || fraction > 0 else { return nil }
        return PlainDecimal(negative: negative && significand != 0, significand: significand, scale: fraction)
    }

    /// The shortest exact text of `value`, e.g. `9`, `4.75`.
    public static func plain(_ value: Decimal) -> String { value.description }

    /// `value` rounded to `places` decimals by `rule`: `.plain` is half away from zero (the
    /// remote systems' rounding), `.bankers` half to even (the engine's, R-PRC-02).
    public static func rounded(_ value: Decimal, places: Int, rule: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, rule)
        return result
    }

    /// `value` rounded to `places` by `rule` and written with exactly that many decimals:
    /// `fixed(24, places: 4)` → `"24.0000"`; never `-0.00`.
    public static func fixed(_ value: Decimal, places: Int, rule: NSDecimalNumber.RoundingMode = .plain) -> String {
        let rounded = rounded(value, places: places, rule: rule)
        var text = rounded.description
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { parts.append("") }
        let fraction = parts[1] + String(repeating: "0", count: max(0, places - parts[1].count))
        let body = places <= 0 ? parts[0] : parts[0] + "." + fraction
        return (negative && rounded != 0 ? "-" : "") + body
    }
}

/// A plain decimal as integers, `significand × 10^-scale` with at most 18 digits: what exact
/// integer arithmetic on amounts starts from.
public struct PlainDecimal: Equatable, Sendable {
    public var negative: Bool
    public var significand: UInt64
    public var scale: Int

    public init(negative: Bool, significand: UInt64, scale: Int) {
        (self.negative, self.significand, self.scale) = (negative, significand, scale)
    }

    /// The value (`Decimal` drops trailing fraction zeros itself: `12.30` is kept as 12.3).
    public var decimal: Decimal {
        guard significand != 0 else { return Decimal(0) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }

    /// The number 1.
    public static let one = PlainDecimal(negative: false, significand: 1, scale: 0)

    /// 10^n for n in 0...19.
    public static func powerOfTen(_ n: Int) -> UInt64? {
        guard n >= 0, n <= 19 else { return nil }
        var power: UInt64 = 1
        for _ in 0..<n { power &*= 10 }
        return power
    }
}
