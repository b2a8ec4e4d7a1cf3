public import Foundation
public import LeafSyncJSON

/// An exact amount of US dollars. Backed by `Decimal`, never floating point.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
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
        let (scaled, overflow) =
            shift >= 0 ? numerator.multipliedReportingOverflow(by: power) : denominator.multipliedReportingOverflow(by: power)
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
    public var description: String { DecimalText.fixed(amount, places: 2, rule: .bankers) }
}

extension Decimal {
    /// Rounded half-even (banker's rounding) to `scale` decimal places.
    func roundedHalfEven(scale: Int) -> Decimal { DecimalText.rounded(self, places: scale, rule: .bankers) }
}
