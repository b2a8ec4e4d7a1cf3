/// A strict JSON parser over UTF-8 bytes. It can build a ``JSONValue`` or just measure where
/// each value starts and ends, so callers can slice records out of a page without re-serializing.
public struct JSONParser {
    public struct SyntaxError: Error, CustomStringConvertible, Sendable {
        public var offset: Int
        public var reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    private let bytes: [UInt8]
    private var i: Int

    private init(_ bytes: [UInt8]) { self.bytes = bytes; self.i = 0 }

    /// Parses a complete JSON document.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var p = JSONParser(bytes)
        p.skipWhitespace()
        let v = try p.value()
        p.skipWhitespace()
        guard p.i == bytes.count else { throw p.fail("trailing characters") }
        return v
    }

    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue { try parse(Array(text.utf8)) }

    /// For a top-level object: each key's value byte range. For `arrayKey`, also the ranges of
    /// the array's elements. Validates the whole document.
    public static func scanTopLevel(
        _ bytes: [UInt8], arrayKey: String
    ) throws(SyntaxError) -> (members: [String: Range<Int>], elements: [Range<Int>]?) {
        var p = JSONParser(bytes)
        p.skipWhitespace()
        guard p.peek == UInt8(ascii: "{") else { throw p.fail("expected an object") }
        p.i += 1
        var members: [String: Range<Int>] = [:]
        var elements: [Range<Int>]?
        p.skipWhitespace()
        if p.peek == UInt8(ascii: "}") {
            p.i += 1
        } else {
            while true {
                p.skipWhitespace()
                let key = try p.string()
                p.skipWhitespace()
                try p.expect(UInt8(ascii: ":"))
                p.skipWhitespace()
                let start = p.i
                if key == arrayKey, p.peek == UInt8(ascii: "[") {
                    elements = try p.elementRanges()
                } else {
                    try p.skipValue()
                }
                members[key] = start..<p.i
                p.skipWhitespace()
                if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                try p.expect(UInt8(ascii: "}"))
                break
            }
        }
        p.skipWhitespace()
        guard p.i == bytes.count else { throw p.fail("trailing characters") }
        return (members, elements)
    }

    /// The element ranges of a top-level array. Validates the whole document.
    public static func scanArray(_ bytes: [UInt8]) throws(SyntaxError) -> [Range<Int>] {
        var p = JSONParser(bytes)
        p.skipWhitespace()
        let ranges = try p.elementRanges()
        p.skipWhitespace()
        guard p.i == bytes.count else { throw p.fail("trailing characters") }
        return ranges
    }

    // MARK: - Grammar

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func fail(_ reason: String) -> SyntaxError { SyntaxError(offset: i, reason: reason) }

    private mutating func expect(_ c: UInt8) throws(SyntaxError) {
        guard peek == c else { throw fail("expected '\(Character(UnicodeScalar(c)))'") }
        i += 1
    }

    private mutating func skipWhitespace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 }
    }

    private mutating func elementRanges() throws(SyntaxError) -> [Range<Int>] {
        try expect(UInt8(ascii: "["))
        var ranges: [Range<Int>] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { i += 1; return ranges }
        while true {
            skipWhitespace()
            let start = i
            try skipValue()
            ranges.append(start..<i)
            skipWhitespace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "]"))
            return ranges
        }
    }

    private mutating func skipValue() throws(SyntaxError) { _ = try value(build: false) }

    private mutating func value(build: Bool = true) throws(SyntaxError) -> JSONValue {
        guard let c = peek else { throw fail("unexpected end of input") }
        switch c {
        case UInt8(ascii: "{"):
            i += 1
            var object = JSONObject()
            skipWhitespace()
            if peek == UInt8(ascii: "}") { i += 1; return .object(object) }
            while true {
                skipWhitespace()
                let key = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                let v = try value(build: build)
                if build { object[key] = v }
                skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(object)
            }
        case UInt8(ascii: "["):
            i += 1
            var array: [JSONValue] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") { i += 1; return .array(array) }
            while true {
                skipWhitespace()
                let v = try value(build: build)
                if build { array.append(v) }
                skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(array)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, bytes[i..<(i + w.count)].elementsEqual(w) else { throw fail("invalid literal") }
        i += w.count
    }

    private mutating func number() throws(SyntaxError) -> String {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, first >= 48, first <= 57 else { throw fail("invalid number") }
        if first == 48 { i += 1 } else { digits() }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard let d = peek, d >= 48, d <= 57 else { throw fail("invalid number") }
            digits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let d = peek, d >= 48, d <= 57 else { throw fail("invalid number") }
            digits()
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func digits() { while let d = peek, d >= 48, d <= 57 { i += 1 } }

    private mutating func string() throws(SyntaxError) -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw fail("unterminated string") }
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = peek else { throw fail("unterminated escape") }
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\") {
                        i += 1
                        try expect(UInt8(ascii: "u"))
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw fail("invalid escape")
                }
            case 0..<0x20:
                throw fail("control character in string")
            default:
                out.append(c)
            }
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            i += 1
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }
}
