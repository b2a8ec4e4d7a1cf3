/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines. A multi-line reply
/// (`250-first`, `250-…`, `250 last`) is one reply with several lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// 2xx.
    var isPositive: Bool { (200..<300).contains(code) }
    /// 4xx: try again later.
    var isTransient: Bool { (400..<500).contains(code) }
    /// The text lines joined by spaces.
    var text: String { lines.joined(separator: " ") }

    /// The EHLO keywords, upper-cased, with their parameters: `["STARTTLS": [], "AUTH": ["PLAIN", "LOGIN"]]`.
    /// The first line is the server's greeting name, not an extension.
    var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            if let keyword = words.first { result[keyword] = Array(words.dropFirst()) }
        }
        return result
    }

    /// One reply line split into its code, whether more lines follow (`-`), and its text; nil
    /// when the line is not a reply line.
    static func parseLine(_ line: String) -> (code: Int, continues: Bool, text: String)? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code) else {
            return nil
        }
        if bytes.count == 3 { return (code, false, "") }
        guard bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else { return nil }
        return (code, bytes[3] == UInt8(ascii: "-"), String(decoding: bytes[4...], as: UTF8.self))
    }
}
