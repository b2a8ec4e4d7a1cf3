import Foundation

/// An exact amount of US dollars. Backed by `Decimal`, never floating point.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var amount: Decimal

    public init(_ amount: Decimal) { self.amount = amount }

    /// Parses a decimal text such as `"108.00"`; `nil` when it is not a number.
    public init?(_ text: String) {
        guard let d = DecimalText.parse(text) else { return nil }
        self.amount = d
    }

    public static let zero = Money(0)

    public static func < (a: Money, b: Money) -> Bool { a.amount < b.amount }
    public static func + (a: Money, b: Money) -> Money { Money(a.amount + b.amount) }
    public static func - (a: Money, b: Money) -> Money { Money(a.amount - b.amount) }
    public static prefix func - (a: Money) -> Money { Money(-a.amount) }

    /// This amount times `factor`, exact.
    public func times(_ factor: Decimal) -> Money { Money(amount * factor) }

    /// This amount divided by `divisor`, rounded half-even to the cent (R-PRC-02, R-ORD-14).
    public func dividedRoundingToCent(by divisor: Decimal) -> Money {
        precondition(divisor != 0, "division of money by zero")
        return Money((amount / divisor).roundedHalfEven(scale: 2))
    }

    /// `amount / divisor` rounded half-even to the cent, in integers: the same value as
    /// ``dividedRoundingToCent(by:)`` (an exact quotient rounded once), without `Decimal`'s
    /// long division. `nil` when `divisor` is not positive or the digits overflow 64 bits.
    public static func dividedRoundingToCent(_ amount: PlainDecimal, by divisor: PlainDecimal) -> Money? {
        guard divisor.significand > 0, !divisor.negative else { return nil }
        // amount / divisor × 100 = (a × 10^(2 + ds)) / (d × 10^as)
        var numerator = amount.significand, denominator = divisor.significand
        let shift = 2 + divisor.scale - amount.scale
        guard let power = PlainDecimal.powerOfTen(abs(shift)) else { return nil }
        let (scaled, overflow) = shift >= 0 ? numerator.multipliedReportingOverflow(by: power) : denominator.multipliedReportingOverflow(by: power)
        guard !overflow else { return nil }
        if shift >= 0 { numerator = scaled } else { denominator = scaled }
        var cents = numerator / denominator
        let remainder = numerator % denominator
        if remainder > denominator - remainder || (remainder == denominator - remainder && cents & 1 == 1) { cents += 1 }
        return Money(PlainDecimal(negative: amount.negative && cents != 0, significand: cents, scale: 2).decimal)
    }

    public var isNegative: Bool { amount < 0 }
    public var isZero: Bool { amount == 0 }
    public var magnitude: Money { Money(amount < 0 ? -amount : amount) }

    /// Two decimals, e.g. `108.00`, `-0.50`.
    public var description: String { DecimalText.fixed(amount, scale: 2) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let d = DecimalText.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(text) is not a decimal amount")
        }
        amount = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(DecimalText.plain(amount))
    }
}

extension Decimal {
    /// Rounded half-even (banker's rounding) to `scale` decimal places.
    func roundedHalfEven(scale: Int) -> Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .bankers)
        return result
    }
}

/// A plain decimal as integers, `significand × 10^-scale` with at most 18 digits: what exact
/// integer arithmetic on amounts (``Money/dividedRoundingToCent(_:by:)``) starts from.
public struct PlainDecimal: Equatable, Sendable {
    public var negative: Bool
    public var significand: UInt64
    public var scale: Int

    /// The value (`Decimal` drops trailing fraction zeros itself: `12.30` is kept as 12.3).
    public var decimal: Decimal {
        guard significand != 0 else { return Decimal(0) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }

    /// The number 1.
    public static let one = PlainDecimal(negative: false, significand: 1, scale: 0)

    /// 10^n for n in 0...19.
    static func powerOfTen(_ n: Int) -> UInt64? {
        guard n >= 0, n <= 19 else { return nil }
        var power: UInt64 = 1
        for _ in 0..<n { power &*= 10 }
        return power
    }
}

/// Exact conversions between decimal text and `Decimal`.
enum DecimalText {
    /// Parses plain decimal text (`-12.50`, `24.0000`, `1e3`); rejects anything else.
    static func parse(_ text: String) -> Decimal? {
        let scalars = Array(text.utf8)
        guard !scalars.isEmpty else { return nil }
        var i = 0
        if scalars[i] == UInt8(ascii: "-") || scalars[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0, dots = 0
        while i < scalars.count {
            let c = scalars[i]
            if (0x30...0x39).contains(c) { digits += 1 } else if c == UInt8(ascii: ".") { dots += 1 } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { break } else { return nil }
            i += 1
        }
        guard digits > 0, dots <= 1 else { return nil }
        if i < scalars.count {
            i += 1
            if i < scalars.count, scalars[i] == UInt8(ascii: "-") || scalars[i] == UInt8(ascii: "+") { i += 1 }
            guard i < scalars.count else { return nil }
            while i < scalars.count { guard (0x30...0x39).contains(scalars[i]) else { return nil }; i += 1 }
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A fast path for plain amounts (`24.0000`, `-12.50`, `594`): at most 18 digits, no sign but
    /// `-`, no exponent, no spaces. `nil` means "not plain", not "invalid": use ``parse(_:)``.
    static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        plainParts(bytes)?.decimal
    }

    /// The integers of a plain amount (see ``parsePlain(_:)``), for exact integer arithmetic.
    static func plainParts(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainDecimal? {
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
    static func plain(_ value: Decimal) -> String { value.description }

    /// `value` rounded half-even to `scale` places and written with exactly that many decimals.
    static func fixed(_ value: Decimal, scale: Int) -> String {
        let rounded = value.roundedHalfEven(scale: scale)
        var text = rounded.description
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { parts.append("") }
        let frac = parts[1] + String(repeating: "0", count: max(0, scale - parts[1].count))
        let body = scale == 0 ? parts[0] : parts[0] + "." + frac
        return (negative && rounded != 0 ? "-" : "") + body
    }
}
