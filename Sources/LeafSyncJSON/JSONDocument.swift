#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON document parsed into a flat tape of nodes, in document order, over its source bytes.
///
/// Decoding a log payload this way builds no tree: one array of fixed-size nodes per document,
/// strings and numbers left in the source bytes until a decoder asks for them, and each
/// value's R-ENG-01 fingerprint computed while parsing. Object members are found by comparing a
/// precomputed hash of their name, so a lookup never builds a `String` or a dictionary.
///
/// ```swift
/// let order = try JSONDocument.parse(payload).root
/// let number = order["number"]?.string
/// ```
///
/// Every parse in this module goes through this tape: ``JSONParser`` reads
/// the tape into a ``JSONValue``, and the scans read the byte ranges of its nodes. So there is
/// one grammar (RFC 8259, strict) and one error, ``JSONSyntaxError``.
public final class JSONDocument: Sendable {
    /// One value on the tape. An object's members follow it as (name, value) pairs; an array's
    /// elements follow it; `skip` is the index just past the value's subtree.
    struct Node: Sendable {
        var kind: JSONKind
        /// A string whose source text holds escapes (decoded on access).
        var escaped: Bool
        /// An object with two members of the same name (or of colliding name hashes): a lookup
        /// must then find the last one. Any other object answers with the first match.
        var duplicateNames = false
        /// Members or elements of a container; 1 for `true`.
        var count: UInt32
        /// The value's source range: a string with its quotes, a number's text, a container
        /// from its opening to just past its closing bracket.
        var start: UInt32
        var end: UInt32
        var skip: UInt32
        /// A value's fingerprint; for a member name, the FNV-1a hash of the decoded name.
        var hash: UInt64

        /// The bytes a string's or number's text is read from: a string's without its quotes.
        var textStart: Int { kind == .string ? Int(start) + 1 : Int(start) }
        var textEnd: Int { kind == .string ? Int(end) - 1 : Int(end) }
    }

    /// The source text, kept as it is (a log payload shares its batch's buffer).
    let source: JSONBytes
    let nodes: [Node]

    private init(source: JSONBytes, nodes: [Node]) {
        self.source = source
        self.nodes = nodes
    }

    /// Runs `body` on the source bytes.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        source.withUnsafeBytes(body)
    }

    /// The document's top-level value.
    public var root: JSONNode { JSONNode(document: self, index: 0) }

    /// Parses `source` as one strict JSON document (RFC 8259), keeping number text verbatim and
    /// sharing the source's bytes rather than copying them.
    public static func parse(_ source: some JSONByteSource) throws(JSONSyntaxError) -> JSONDocument {
        let bytes = source.jsonBytes
        let parsed: Result<[Node], JSONSyntaxError> = bytes.withUnsafeBytes { buffer in
            var parser = TapeParser(bytes: buffer)
            do throws(JSONSyntaxError) {
                try parser.document()
                return .success(parser.nodes)
            } catch {
                return .failure(error)
            }
        }
        return JSONDocument(source: bytes, nodes: try parsed.get())
    }

    /// Parses the UTF-8 of `text`.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONDocument { try parse(Array(text.utf8)) }

    /// The decoded text of the string or number node at `index`.
    func text(at index: Int) -> String {
        let node = nodes[index]
        return withBytes { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[node.textStart..<node.textEnd])
            return node.escaped ? String(decoding: JSONEscapes.unescape(raw), as: UTF8.self) : String(decoding: raw, as: UTF8.self)
        }
    }

    /// Whether the member name at `index` is `key`.
    func name(at index: Int, equals key: String) -> Bool {
        let node = nodes[index]
        if node.escaped { return text(at: index) == key }
        var key = key
        return key.withUTF8 { wanted in
            withBytes { buffer in
                let raw = UnsafeBufferPointer(rebasing: buffer[node.textStart..<node.textEnd])
                return raw.count == wanted.count && (raw.isEmpty || memcmp(raw.baseAddress!, wanted.baseAddress!, raw.count) == 0)
            }
        }
    }

    /// The source byte range of the node at `index` (quotes and brackets included).
    func range(at index: Int) -> Range<Int> { Int(nodes[index].start)..<Int(nodes[index].end) }
}
