extension KeyedDecodingContainer {
    /// An integer id sent as a number (`148515`, the REST shape) or as digits in a string
    /// (`"148515"`, seen in webhook bodies and older records): the same id either way.
    func decodeLenientInt(forKey key: Key) throws -> Int {
        if let i = try? decode(Int.self, forKey: key) { return i }
        let text = try decode(String.self, forKey: key)
        guard let i = Int(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected an integer id, got \"\(text)\"")
        }
        return i
    }

    /// ``decodeLenientInt(forKey:)`` for an optional member; nil when absent, null or not an id.
    func decodeLenientIntIfPresent(forKey key: Key) -> Int? { try? decodeLenientInt(forKey: key) }
}
