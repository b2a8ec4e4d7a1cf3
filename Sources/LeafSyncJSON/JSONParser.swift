/// Parses JSON text into a ``JSONValue``, or finds where values stand in it.
///
/// All three read the tape of a ``JSONDocument``: one grammar (RFC 8259, strict), one error
/// (``JSONSyntaxError``, with the byte offset).
///
/// ```swift
/// let page = try JSONParser.scanTopLevel(body, arrayKey: "results")
/// let records = page.elements?.map { Array(body[$0]) }    // each record's bytes as received
/// ```
public enum JSONParser {
    public typealias SyntaxError = JSONSyntaxError

    /// Parses one JSON document into a tree (see ``JSONDocument`` for the tape that decoders
    /// read without building one).
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try JSONDocument.parse(bytes).root.value
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue { try parse(Array(text.utf8)) }

    /// For a top-level object: each member's value byte range (the last one for a repeated
    /// name). For the member `arrayKey`, also the byte ranges of its elements when it is an
    /// array. Validates the whole document.
    public static func scanTopLevel(
        _ bytes: [UInt8], arrayKey: String
    ) throws(JSONSyntaxError) -> (members: [String: Range<Int>], elements: [Range<Int>]?) {
        let root = try JSONDocument.parse(bytes).root
        guard let members = root.members else { throw JSONSyntaxError(offset: root.sourceRange.lowerBound, reason: "expected an object") }
        var ranges: [String: Range<Int>] = [:]
        var elements: [Range<Int>]?
        for (name, value) in members {
            ranges[name] = value.sourceRange
            if name == arrayKey { elements = value.array.map { $0.map(\.sourceRange) } }
        }
        return (ranges, elements)
    }

    /// The element byte ranges of a top-level array. Validates the whole document.
    public static func scanArray(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [Range<Int>] {
        let root = try JSONDocument.parse(bytes).root
        guard let elements = root.array else { throw JSONSyntaxError(offset: root.sourceRange.lowerBound, reason: "expected an array") }
        return elements.map(\.sourceRange)
    }
}
