/// A string enum that keeps values it does not know (`case unknown(String)`) instead of failing,
/// so a new LeafLink status or type never breaks decoding.
///
/// Conforming enums must write `rawValue` as a `switch` (the standard library's `==` for
/// `RawRepresentable` goes through `rawValue`, so looking a case up with `==` would recurse).
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable where RawValue == String {
    init(rawValue: String)
}

extension OpenEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
