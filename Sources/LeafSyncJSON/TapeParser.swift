#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one JSON grammar (RFC 8259, strict): builds a ``JSONDocument``'s tape, hashing as it goes.
///
/// It is on the hot path of a projection rebuild, which parses every payload of the log: the
/// loops work on an unsafe buffer, build no strings, and compute each value's fingerprint in
/// the same pass.
struct TapeParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var nodes: [JSONDocument.Node] = []
    /// The name hashes of the objects being parsed, innermost last (a stack shared by all levels).
    var names: [UInt64] = []

    /// Containers nest at most this deep (a guard against stack exhaustion).
    static let maximumDepth = 200

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        nodes.reserveCapacity(max(8, bytes.count / 12))
    }

    /// One value with optional surrounding space, and nothing else.
    mutating func document() throws(JSONSyntaxError) {
        skipSpace()
        _ = try value(depth: 0)
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected content after the value") }
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    func fail(_ what: String) -> JSONSyntaxError { JSONSyntaxError(offset: i, reason: what) }

    /// Parses one value onto the tape; returns its fingerprint.
    @discardableResult
    mutating func value(depth: Int) throws(JSONSyntaxError) -> UInt64 {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
        guard i < bytes.count else { throw fail("unexpected end") }
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""):
            let (escaped, hash) = try string()
            let fingerprint = StableHash.mix(hash ^ 0x73)
            append(.string, escaped: escaped, start: start, hash: fingerprint)
            return fingerprint
        case UInt8(ascii: "t"):
            try literal("true")
            return append(.bool, flag: 1, start: start, hash: StableHash.mix(0x7472_7565))
        case UInt8(ascii: "f"):
            try literal("false")
            return append(.bool, flag: 0, start: start, hash: StableHash.mix(0x6661_6c73))
        case UInt8(ascii: "n"):
            try literal("null")
            return append(.null, flag: 0, start: start, hash: StableHash.mix(0x6e75_6c6c))
        default:
            try number()
            let fingerprint = StableHash.mix(StableHash.fnv1a64(UnsafeBufferPointer(rebasing: bytes[start..<i])) ^ 0x6e)
            append(.number, escaped: false, start: start, hash: fingerprint)
            return fingerprint
        }
    }

    /// A scalar that ends at `i`.
    private mutating func append(_ kind: JSONKind, escaped: Bool, start: Int, hash: UInt64) {
        nodes.append(
            JSONDocument.Node(
                kind: kind, escaped: escaped, count: 0, start: UInt32(start), end: UInt32(i), skip: UInt32(nodes.count + 1), hash: hash))
    }

    private mutating func append(_ kind: JSONKind, flag: UInt32, start: Int, hash: UInt64) -> UInt64 {
        nodes.append(
            JSONDocument.Node(
                kind: kind, escaped: false, count: flag, start: UInt32(start), end: UInt32(i), skip: UInt32(nodes.count + 1), hash: hash))
        return hash
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count, memcmp(bytes.baseAddress! + i, word.utf8Start, count) == 0 else { throw fail("invalid literal") }
        i += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func number() throws(JSONSyntaxError) {
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let first = i
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        guard i > first else { throw fail(first < bytes.count ? "unexpected character" : "invalid number") }
        guard bytes[first] != 0x30 || i == first + 1 else { throw JSONSyntaxError(offset: first, reason: "leading zero in a number") }
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

    /// Scans a string from its opening quote to just past its closing one; returns whether it
    /// holds escapes and the FNV-1a hash of its decoded bytes.
    mutating func string() throws(JSONSyntaxError) -> (escaped: Bool, hash: UInt64) {
        i += 1
        let start = i
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return (false, hash)
            }
            if c == UInt8(ascii: "\\") { break }
            guard c >= 0x20 else { throw fail("control character in string") }
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
                    guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
                    for _ in 0..<4 {
                        guard JSONEscapes.hexValue(bytes[i]) != nil else { throw fail("invalid \\u escape") }
                        i += 1
                    }
                default: throw fail("invalid escape")
                }
            } else {
                guard c >= 0x20 else { throw fail("control character in string") }
                i += 1
            }
        }
        let end = i
        i += 1
        let decoded = JSONEscapes.unescape(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        return (true, StableHash.fnv1a64(decoded))
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> UInt64 {
        var hash: UInt64 = 0x6172_7261_7900
        let (slot, count) = try container(.array, closing: UInt8(ascii: "]"), depth: depth) {
            (p: inout TapeParser) throws(JSONSyntaxError) in
            hash = StableHash.mix(hash ^ (try p.value(depth: depth + 1)))
        }
        return close(slot, count: count, fingerprint: StableHash.mix(hash ^ UInt64(count)))
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> UInt64 {
        var sum: UInt64 = 0
        let firstName = names.count
        let (slot, count) = try container(.object, closing: UInt8(ascii: "}"), depth: depth) {
            (p: inout TapeParser) throws(JSONSyntaxError) in
            guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "\"") else { throw p.fail("expected member name") }
            let start = p.i
            let (escaped, nameHash) = try p.string()
            p.append(.string, escaped: escaped, start: start, hash: nameHash)
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
        _ kind: JSONKind, closing: UInt8, depth: Int, element: (inout TapeParser) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) -> (slot: Int, count: UInt32) {
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

/// JSON string escapes, decoded.
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
