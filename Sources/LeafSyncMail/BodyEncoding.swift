import Foundation

/// How a ``MailMessage`` body goes on the wire: `7bit` when every line is printable ASCII (tabs
/// allowed) of at most 998 bytes, quoted-printable UTF-8 (RFC 2045 §6.7) otherwise. Either way
/// line ends become CRLF and the body ends with one.
enum BodyEncoding: String, Sendable {
    case sevenBit = "7bit"
    case quotedPrintable = "quoted-printable"

    /// The longest line SMTP carries (RFC 5321 §4.5.3.1.6), CRLF not counted.
    static let maximumLineLength = 998
    /// The longest quoted-printable line, the soft-break `=` included.
    static let quotedPrintableLineLength = 76

    static func choose(for body: String) -> BodyEncoding {
        let plain = lines(body).allSatisfy { line in
            line.utf8.count <= maximumLineLength && line.unicodeScalars.allSatisfy { $0.isPrintableASCII || $0 == "\t" }
        }
        return plain ? .sevenBit : .quotedPrintable
    }

    func encode(_ body: String) -> String {
        let lines = Self.lines(body)
        switch self {
        case .sevenBit: return lines.map { $0 + "\r\n" }.joined()
        case .quotedPrintable: return lines.map { Self.quotedPrintable(Array($0.utf8)) + "\r\n" }.joined()
        }
    }

    /// The body's lines, whatever its line ends (CRLF, LF or CR); a final line end adds no
    /// empty line.
    static func lines(_ body: String) -> [String] {
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// One line of text as quoted-printable, with soft breaks (`=` CRLF) keeping each encoded
    /// line within 76 characters. `=`, control and non-ASCII bytes are `=XX`; so are a space or
    /// tab ending the line and a `.` starting an encoded line (dot-safe for SMTP relays).
    static func quotedPrintable(_ bytes: [UInt8]) -> String {
        var result = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index + 1 == bytes.count
            let literal: Bool
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): literal = !isLast
            case UInt8(ascii: "="): literal = false
            case 0x21...0x7E: literal = true
            default: literal = false
            }
            var token = literal ? String(Unicode.Scalar(byte)) : "=" + byte.hexPair
            // Room for the soft break's `=`, unless this is the line's last token.
            let room = quotedPrintableLineLength - (isLast ? 0 : 1)
            if lineLength + token.utf8.count > room {
                result += "=\r\n"
                lineLength = 0
            }
            if lineLength == 0, byte == UInt8(ascii: ".") { token = "=2E" }
            result += token
            lineLength += token.utf8.count
        }
        return result
    }
}
