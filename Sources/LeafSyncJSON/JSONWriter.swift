import OrderedCollections

/// Writes ``JSONValue``s as UTF-8 text, with no spaces, in one of two member orders:
///
/// - compact (``compact(_:)``): object members in their order, for round trips and request
///   bodies, so `{"z":1,"a":2}` stays as it was;
/// - canonical (``canonical(_:)``): object members sorted by name, for fingerprints, the
///   payloads the engine writes itself and machine-readable CLI output. The same value always
///   gives the same bytes.
///
/// Numbers are written with the exact text they hold. Strings escape `"`, `\` and the control
/// characters (`\n`, `\r`, `\t`, else `\u00XX`) and nothing else: `/` and non-ASCII characters are
/// written as they are.
///
/// ```swift
/// JSONWriter.canonical(["b": "x\n", "a": .number("1.50")])   // {"a":1.50,"b":"x\n"}
/// ```
public enum JSONWriter {
    /// The order object members are written in.
    public enum MemberOrder: Sendable {
        /// As they are stored.
        case asGiven
        /// Sorted by name.
        case sorted
    }

    public static func compact(_ value: JSONValue) -> String { String(decoding: compactBytes(value), as: UTF8.self) }
    public static func compactBytes(_ value: JSONValue) -> [UInt8] { bytes(value, order: .asGiven) }
    public static func canonical(_ value: JSONValue) -> String { String(decoding: canonicalBytes(value), as: UTF8.self) }
    public static func canonicalBytes(_ value: JSONValue) -> [UInt8] { bytes(value, order: .sorted) }

    /// The UTF-8 text of `value`, members in `order`.
    public static func bytes(_ value: JSONValue, order: MemberOrder) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, order: order, into: &out)
        return out
    }

    /// Appends the text of `value` to `out`.
    public static func write(_ value: JSONValue, order: MemberOrder, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                write(item, order: order, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let names = order == .sorted ? members.keys.sorted() : Array(members.keys)
            for (n, name) in names.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(name, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[name]!, order: order, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string, quotes included.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
