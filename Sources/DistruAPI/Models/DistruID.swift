/// A Distru id: a UUID string, or an integer for companies, locations and users in older data.
/// Kept as text either way; ``isInteger`` tells which it was.
public struct DistruID: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var text: String
    public var isInteger: Bool

    public init(_ text: String) {
        self.text = text
        self.isInteger = !text.isEmpty && text.allSatisfy(\.isNumber)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int64.self) {
            text = String(i)
            isInteger = true
        } else {
            text = try c.decode(String.self)
            isInteger = false
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if isInteger, let i = Int64(text) { try c.encode(i) } else { try c.encode(text) }
    }

    public var description: String { text }
}
