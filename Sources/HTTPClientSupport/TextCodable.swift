/// A value that travels as a JSON string of its text form (the API timestamps): `Codable`
/// through ``init(_:)`` and ``text``, written once for all of them.
public protocol TextCodable: Codable {
    /// The value of `text`; `nil` when it does not read as one.
    init?(_ text: String)
    /// The text the value is written as.
    var text: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a \(Self.self): \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
