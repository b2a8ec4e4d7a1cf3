import Foundation

/// Header lines of a ``MailMessage``: folded to stay within 78 characters where a value allows
/// it (RFC 5322 §2.2.3), non-ASCII text as RFC 2047 encoded words, and never a line break
/// taken from the value itself (each becomes a space).
enum HeaderField {
    /// The longest line a fold aims for, CRLF not counted.
    static let lineLimit = 78
    /// UTF-8 bytes per encoded word: 39 bytes are 52 base64 characters, 64 with the
    /// `=?utf-8?B?…?=` frame, so `Subject: ` plus one word stays within 76 (RFC 2047 §2).
    static let bytesPerEncodedWord = 39

    /// `Name: value`, unfolded: for values that are one token (a date, a Message-ID).
    static func plain(_ name: String, _ value: String) -> String { "\(name): \(singleLine(value))" }

    /// Free text (`Subject`): printable ASCII folded at spaces, anything else as encoded words.
    static func text(_ name: String, _ value: String) -> String {
        let value = singleLine(value)
        if value.unicodeScalars.allSatisfy(\.isPrintableASCII) && !value.contains("=?") {
            return fold(name, value.split(separator: " ", omittingEmptySubsequences: false).map(String.init), separator: "")
        }
        return fold(name, encodedWords(value), separator: "")
    }

    /// An address list (`From`, `To`): one address per fold. A display name with non-ASCII text
    /// becomes encoded words (`=?utf-8?B?…?= <a@b>`); one with a comma, dot or other special
    /// character is quoted (`"Smith, J." <j@b>`), so it stays one address.
    static func addresses(_ name: String, _ addresses: [String]) -> String {
        fold(name, addresses.map(address), separator: ",")
    }

    static func address(_ raw: String) -> String {
        let address = singleLine(raw).trimmingCharacters(in: .whitespaces)
        guard let open = address.lastIndex(of: "<") else { return address }
        let displayName = address[..<open].trimmingCharacters(in: .whitespaces)
        let angle = String(address[open...])
        if displayName.isEmpty { return angle }
        if !displayName.unicodeScalars.allSatisfy(\.isPrintableASCII) {
            return (encodedWords(displayName) + [angle]).joined(separator: " ")
        }
        let isQuoted = displayName.count >= 2 && displayName.hasPrefix("\"") && displayName.hasSuffix("\"")
        if isQuoted || !displayName.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) { return displayName + " " + angle }
        let escaped = displayName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" \(angle)"
    }

    /// `Name: p1<sep> p2<sep> p3`, breaking before a piece (CRLF and a space) when the line
    /// would pass ``lineLimit``. A piece longer than the limit stays whole on its own line.
    static func fold(_ name: String, _ pieces: [String], separator: String) -> String {
        var result = name + ":"
        var lineLength = result.utf8.count
        for (index, piece) in pieces.enumerated() {
            let tail = index + 1 < pieces.count ? separator : ""
            let width = 1 + piece.utf8.count + tail.utf8.count
            // Never fold before an empty piece: a folded line may not be whitespace only.
            if index > 0, !piece.isEmpty, lineLength + width > lineLimit {
                result += "\r\n"
                lineLength = 0
            }
            result += " " + piece + tail
            lineLength += width
        }
        return result
    }

    /// RFC 2047 `B` encoded words of at most ``bytesPerEncodedWord`` UTF-8 bytes each, never
    /// splitting a character's bytes between two words.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk = []
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerEncodedWord { flush() }
            chunk += bytes
        }
        flush()
        return words
    }

    /// The value with every line break and control character replaced by a space.
    static func singleLine(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}

extension Unicode.Scalar {
    /// A space or a visible ASCII character.
    var isPrintableASCII: Bool { (0x20...0x7E).contains(value) }
}
