import Foundation
import LeafSyncLog

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
        /// Members or elements of a container.
        var count: UInt32
        /// Source range: a string's content between its quotes, a number's text.
        var start: UInt32
        var end: UInt32
        var skip: UInt32
        /// A value's fingerprint; for a member name, the FNV-1a hash of the decoded name.
        var hash: UInt64
    }

    /// The source text; a log payload is kept as it is, sharing its batch's buffer.
    let source: EventPayload
    let nodes: [Node]

    private init(source: EventPayload, nodes: [Node]) {
        self.source = source
        self.nodes = nodes
    }

    /// Runs `body` on the source bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        source.withUnsafeBytes { body($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The document's top-level value.
    public var root: JSONNode { JSONNode(document: self, index: 0) }

    /// Parses `bytes` as one strict JSON document (RFC 8259), keeping number text verbatim.
    public static func parse(_ bytes: [UInt8]) throws(RecordDecodingError) -> JSONDocument {
        try parse(EventPayload(bytes))
    }

    /// Parses a log payload without copying it.
    public static func parse(_ payload: EventPayload) throws(RecordDecodingError) -> JSONDocument {
        let parsed: Result<[Node], RecordDecodingError> = payload.withUnsafeBytes { raw in
            var parser = TapeParser(bytes: raw.assumingMemoryBound(to: UInt8.self))
            do throws(RecordDecodingError) {
                parser.skipSpace()
                _ = try parser.value(depth: 0)
                parser.skipSpace()
                guard parser.i == raw.count else { throw .malformedJSON("unexpected content at byte \(parser.i)") }
                return .success(parser.nodes)
            } catch {
                return .failure(error)
            }
        }
        return JSONDocument(source: payload, nodes: try parsed.get())
    }

    /// The decoded text of the string node at `index`.
    func text(at index: Int) -> String {
        let node = nodes[index]
        return withBytes { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)])
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
                let raw = UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)])
                return raw.count == wanted.count && (raw.isEmpty || memcmp(raw.baseAddress!, wanted.baseAddress!, raw.count) == 0)
            }
        }
    }
}

/// One value of a ``JSONDocument``: cheap to copy, read through ``JSONReadable``.
public struct JSONNode: JSONReadable, Sendable {
    let document: JSONDocument
    let index: Int

    private var node: JSONDocument.Node { document.nodes[index] }

    public var kind: JSONKind { node.kind }

    /// The value's R-ENG-01 fingerprint: equal to ``JSON/fingerprint`` of the same value, so it
    /// ignores the order of object members.
    public var fingerprint: UInt64 { node.hash }

    public subscript(key: String) -> JSONNode? {
        let object = node
        guard object.kind == .object else { return nil }
        let hash = StableHash.fnv1a64(key.utf8)
        let nodes = document.nodes
        var found: Int?
        var name = index + 1
        for _ in 0..<object.count {
            if nodes[name].hash == hash, document.name(at: name, equals: key) {
                found = name + 1
                // With duplicates the last one wins, as in a dictionary built from the members in order.
                if !object.duplicateNames { break }
            }
            name = Int(nodes[name + 1].skip)
        }
        guard let found, nodes[found].kind != .null else { return nil }
        return JSONNode(document: document, index: found)
    }

    public var array: [JSONNode]? {
        let list = node
        guard list.kind == .array else { return nil }
        var items: [JSONNode] = []
        items.reserveCapacity(Int(list.count))
        var element = index + 1
        for _ in 0..<list.count {
            items.append(JSONNode(document: document, index: element))
            element = Int(document.nodes[element].skip)
        }
        return items
    }

    /// Members in document order (a duplicated name appears twice).
    public var members: [(name: String, value: JSONNode)]? {
        let object = node
        guard object.kind == .object else { return nil }
        var out: [(name: String, value: JSONNode)] = []
        out.reserveCapacity(Int(object.count))
        var name = index + 1
        for _ in 0..<object.count {
            out.append((document.text(at: name), JSONNode(document: document, index: name + 1)))
            name = Int(document.nodes[name + 1].skip)
        }
        return out
    }

    public var string: String? {
        switch node.kind {
        case .string: return document.text(at: index)
        case .number: return document.text(at: index)
        default: return nil
        }
    }

    public var booleanValue: Bool? {
        let n = node
        guard n.kind == .bool else { return nil }
        return n.count == 1
    }

    /// Parses the digits straight from the source bytes for plain amounts (`-12.50`, `24.0000`);
    /// anything longer or with an exponent goes through ``DecimalText``.
    public var decimal: Decimal? {
        let n = node
        switch n.kind {
        case .number, .string:
            if !n.escaped, let fast = document.withBytes({ buffer in
                DecimalText.parsePlain(UnsafeBufferPointer(rebasing: buffer[Int(n.start)..<Int(n.end)]))
            }) { return fast }
            guard let text = string else { return nil }
            return DecimalText.parse(n.kind == .string ? text.trimmingSpaces : text)
        case .object: return self["amount"]?.decimal
        default: return nil
        }
    }

    public var plainDecimal: PlainDecimal? {
        let n = node
        switch n.kind {
        case .number, .string:
            guard !n.escaped else { return nil }
            return document.withBytes { DecimalText.plainParts(UnsafeBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)])) }
        case .object: return self["amount"]?.plainDecimal
        default: return nil
        }
    }

    /// The value as a ``JSON`` tree (for the few places that keep or rewrite a whole value).
    public var tree: JSON {
        switch node.kind {
        case .null: return .null
        case .bool: return .bool(node.count == 1)
        case .number: return .number(document.text(at: index))
        case .string: return .string(document.text(at: index))
        case .array: return .array(array!.map(\.tree))
        case .object:
            var members: [String: JSON] = [:]
            members.reserveCapacity(Int(node.count))
            for (name, value) in self.members! { members[name] = value.tree }
            return .object(members)
        }
    }
}

/// Builds the tape, hashing as it goes.
private struct TapeParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var nodes: [JSONDocument.Node] = []
    /// The name hashes of the objects being parsed, innermost last (a stack shared by all levels).
    var names: [UInt64] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        nodes.reserveCapacity(max(8, bytes.count / 12))
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    func fail(_ what: String) -> RecordDecodingError { .malformedJSON("\(what) at byte \(i)") }

    /// Parses one value onto the tape; returns its fingerprint.
    @discardableResult
    mutating func value(depth: Int) throws(RecordDecodingError) -> UInt64 {
        guard depth < 200 else { throw fail("nesting too deep") }
        guard i < bytes.count else { throw fail("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""):
            let (start, end, escaped, hash) = try string()
            let fingerprint = StableHash.mix(hash ^ 0x73)
            append(.string, escaped: escaped, start: start, end: end, hash: fingerprint)
            return fingerprint
        case UInt8(ascii: "t"):
            try literal("true")
            return appendLiteral(.bool, flag: 1, hash: StableHash.mix(0x7472_7565))
        case UInt8(ascii: "f"):
            try literal("false")
            return appendLiteral(.bool, flag: 0, hash: StableHash.mix(0x6661_6c73))
        case UInt8(ascii: "n"):
            try literal("null")
            return appendLiteral(.null, flag: 0, hash: StableHash.mix(0x6e75_6c6c))
        default:
            let start = i
            try number()
            let fingerprint = StableHash.mix(StableHash.fnv1a64(UnsafeBufferPointer(rebasing: bytes[start..<i])) ^ 0x6e)
            append(.number, escaped: false, start: start, end: i, hash: fingerprint)
            return fingerprint
        }
    }

    private mutating func append(_ kind: JSONKind, escaped: Bool, start: Int, end: Int, hash: UInt64) {
        nodes.append(JSONDocument.Node(
            kind: kind, escaped: escaped, count: 0, start: UInt32(start), end: UInt32(end), skip: UInt32(nodes.count + 1), hash: hash))
    }

    private mutating func appendLiteral(_ kind: JSONKind, flag: UInt32, hash: UInt64) -> UInt64 {
        nodes.append(JSONDocument.Node(kind: kind, escaped: false, count: flag, start: UInt32(i), end: UInt32(i), skip: UInt32(nodes.count + 1), hash: hash))
        return hash
    }

    mutating func literal(_ word: StaticString) throws(RecordDecodingError) {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count, memcmp(bytes.baseAddress! + i, word.utf8Start, count) == 0 else { throw fail("invalid literal") }
        i += count
    }

    mutating func number() throws(RecordDecodingError) {
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; digits += 1 }
        guard digits > 0 else { throw fail("invalid number") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; frac += 1 }
            guard frac > 0 else { throw fail("invalid number") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            var exp = 0
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; exp += 1 }
            guard exp > 0 else { throw fail("invalid exponent") }
        }
    }

    /// Scans a string; returns its content range, whether it holds escapes, and the FNV-1a hash of
    /// its decoded bytes.
    mutating func string() throws(RecordDecodingError) -> (start: Int, end: Int, escaped: Bool, hash: UInt64) {
        i += 1
        let start = i
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return (start, i - 1, false, hash)
            }
            if c == UInt8(ascii: "\\") { break }
            hash = (hash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
            i += 1
        }
        guard i < bytes.count else { throw fail("unterminated string") }
        // Escapes: find the end (validating each escape), then hash the decoded bytes.
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { throw fail("unterminated escape") }
                switch bytes[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "u"):
                    i += 1
                    guard i + 4 <= bytes.count else { throw fail("short unicode escape") }
                    for _ in 0..<4 {
                        guard JSONEscapes.hexValue(bytes[i]) != nil else { throw fail("invalid unicode escape") }
                        i += 1
                    }
                default: throw fail("invalid escape")
                }
            } else {
                i += 1
            }
        }
        let end = i
        i += 1
        let decoded = JSONEscapes.unescape(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        return (start, end, true, StableHash.fnv1a64(decoded))
    }

    mutating func array(depth: Int) throws(RecordDecodingError) -> UInt64 {
        var hash: UInt64 = 0x6172_7261_7900
        let (slot, count) = try container(.array, closing: UInt8(ascii: "]"), depth: depth) { (p: inout TapeParser) throws(RecordDecodingError) in
            hash = StableHash.mix(hash ^ (try p.value(depth: depth + 1)))
        }
        return close(slot, count: count, fingerprint: StableHash.mix(hash ^ UInt64(count)))
    }

    mutating func object(depth: Int) throws(RecordDecodingError) -> UInt64 {
        var sum: UInt64 = 0
        let firstName = names.count
        let (slot, count) = try container(.object, closing: UInt8(ascii: "}"), depth: depth) { (p: inout TapeParser) throws(RecordDecodingError) in
            guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "\"") else { throw p.fail("expected member name") }
            let (start, end, escaped, nameHash) = try p.string()
            p.append(.string, escaped: escaped, start: start, end: end, hash: nameHash)
            p.names.append(nameHash)
            p.skipSpace()
            guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: ":") else { throw p.fail("expected :") }
            p.i += 1
            p.skipSpace()
            let valueHash = try p.value(depth: depth + 1)
            // Commutative, so member order does not change the fingerprint (R-ENG-01).
            sum = sum &+ StableHash.mix(nameHash &+ valueHash &* 0x9E37_79B9_7F4A_7C15)
        }
        nodes[slot].duplicateNames = Self.repeats(&names, from: firstName)
        names.removeSubrange(firstName...)
        return close(slot, count: count, fingerprint: StableHash.mix(sum ^ 0x6f62_6a00 ^ UInt64(count) << 40))
    }

    /// Whether two of the hashes from `start` on are equal (reorders them).
    private static func repeats(_ hashes: inout [UInt64], from start: Int) -> Bool {
        hashes.withUnsafeMutableBufferPointer { all in
            var list = UnsafeMutableBufferPointer(rebasing: all[start...])
            guard list.count > 1 else { return false }
            if list.count <= 8 {
                for a in 0..<list.count - 1 { for b in a + 1..<list.count where list[a] == list[b] { return true } }
                return false
            }
            list.sort()
            for k in 1..<list.count where list[k] == list[k - 1] { return true }
            return false
        }
    }

    /// Parses `[…]` or `{…}`: puts the container's node on the tape, then parses each
    /// comma-separated element with `element`. Returns the node's index and the element count.
    private mutating func container(
        _ kind: JSONKind, closing: UInt8, depth: Int, element: (inout TapeParser) throws(RecordDecodingError) -> Void
    ) throws(RecordDecodingError) -> (slot: Int, count: UInt32) {
        let slot = nodes.count
        nodes.append(JSONDocument.Node(kind: kind, escaped: false, count: 0, start: UInt32(i), end: 0, skip: 0, hash: 0))
        i += 1
        var count: UInt32 = 0
        skipSpace()
        if i < bytes.count, bytes[i] == closing {
            i += 1
            return (slot, 0)
        }
        let what = kind == .array ? "array" : "object"
        while true {
            skipSpace()
            try element(&self)
            count += 1
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated \(what)") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == closing { i += 1; return (slot, count) }
            throw fail("expected , or \(Character(Unicode.Scalar(closing)))")
        }
    }

    /// Completes a container's node once its children are on the tape.
    private mutating func close(_ slot: Int, count: UInt32, fingerprint: UInt64) -> UInt64 {
        nodes[slot].count = count
        nodes[slot].end = UInt32(i)
        nodes[slot].skip = UInt32(nodes.count)
        nodes[slot].hash = fingerprint
        return fingerprint
    }
}

/// JSON string escapes.
enum JSONEscapes {
    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    /// The UTF-8 bytes of a string's content with its escapes decoded (already validated by the
    /// parser; a lone surrogate becomes U+FFFD).
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4() -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 { v = v * 16 + (hexValue(raw[i]) ?? 0); i += 1 }
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\"), i + 1 < raw.count else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4()
                if (0xD800...0xDBFF).contains(scalar), i + 5 < raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(e)  // \" \\ \/
            }
        }
        return out
    }
}
