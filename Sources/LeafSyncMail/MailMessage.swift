public import Foundation

/// One plain-text e-mail, as the dispatcher hands it to a ``MailDelivery``.
///
/// The message is a value: the same message renders to the same bytes (``rfc5322()``), so an
/// outbox file written twice, or a message re-sent after a crash, is the same message. Its
/// ``id`` is the stable identity a delivery uses to do the work once: the `Message-ID` header
/// and the outbox file name both come from it.
///
/// ```swift
/// let message = MailMessage(
///     id: "sync-error-R-ORD-04-1234", from: "LeafSync <leafsync@example.com>",
///     to: ["admin@example.com"], subject: "Order 1234 could not be synced",
///     body: "What failed: …\nWhat to do: …", date: Date())
/// try await OutboxDelivery(directory: outbox).deliver(message)   // outbox/sync-error-R-ORD-04-1234.eml
/// ```
public struct MailMessage: Sendable, Equatable {
    /// The sender: a bare address (`leafsync@example.com`) or one with a display name
    /// (`LeafSync <leafsync@example.com>`).
    public var from: String
    /// The recipients, in the same forms as ``from``. Each becomes one `RCPT TO` over SMTP.
    public var to: [String]
    public var subject: String
    public var body: String
    /// Stable id, e.g. derived from the command key: becomes the Message-ID (`<id@leafsync>`)
    /// and the outbox file name, both through ``fileSafeID``.
    public var id: String
    /// The `Date` header. It comes from the caller (the event that raised the error), so
    /// rendering is deterministic.
    public var date: Date

    public init(id: String, from: String, to: [String], subject: String, body: String, date: Date) {
        self.id = id
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
    }

    /// The `Message-ID` header's value: `<` ``fileSafeID`` `@leafsync>`.
    public var messageID: String { "<\(fileSafeID)@leafsync>" }

    /// ``id`` with every character that is not safe in both a file name and a Message-ID
    /// written as `=XX` per UTF-8 byte (`=` itself included, so two ids never share a result).
    /// Letters, digits, `-` and `_` stay as they are, and so does a `.` between two of them:
    /// `sync-error.R-ORD-04/1234` becomes `sync-error.R-ORD-04=2F1234`.
    public var fileSafeID: String {
        let bytes = Array(id.utf8)
        var result = ""
        for (index, byte) in bytes.enumerated() {
            let isWordByte = byte.isASCIIWordByte
            let isInnerDot =
                byte == UInt8(ascii: ".") && index > 0 && bytes[index - 1].isASCIIWordByte && index + 1 < bytes.count
                && bytes[index + 1].isASCIIWordByte
            if isWordByte || isInnerDot {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "=" + byte.hexPair
            }
        }
        return result
    }

    /// The message as RFC 5322 text: CRLF line ends; `Date`, `From`, `To`, `Subject`,
    /// `Message-ID`, MIME and `Auto-Submitted` headers, folded below 78 characters where they
    /// can be, non-ASCII header text as RFC 2047 encoded words; the body 7bit when it is plain
    /// ASCII with short lines, quoted-printable UTF-8 otherwise (a line never starts with `.`
    /// then). Line breaks inside a header value become spaces, so no value can add a header.
    public func rfc5322() -> String {
        let encoding = BodyEncoding.choose(for: body)
        let headers = [
            HeaderField.plain("Date", RFC5322Date.format(date)),
            HeaderField.addresses("From", [from]),
            HeaderField.addresses("To", to),
            HeaderField.text("Subject", subject),
            HeaderField.plain("Message-ID", messageID),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=\(encoding == .sevenBit ? "us-ascii" : "utf-8")",
            "Content-Transfer-Encoding: \(encoding.rawValue)",
            "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoding.encode(body)
    }

    /// The bare address of ``from`` for `MAIL FROM`.
    var envelopeSender: String { Self.envelopeAddress(from) }
    /// The bare addresses of ``to`` for `RCPT TO`.
    var envelopeRecipients: [String] { to.map(Self.envelopeAddress) }

    /// `Name <a@b>` → `a@b`; a bare address stays as it is (trimmed).
    static func envelopeAddress(_ address: String) -> String {
        if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
            return String(address[address.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return address.trimmingCharacters(in: .whitespaces)
    }

    /// Why this message cannot be delivered, or nil: an empty id, no recipient, or an envelope
    /// address that is empty or holds a line break or angle bracket.
    func problem() -> String? {
        if id.isEmpty { return "the message has an empty id" }
        if to.isEmpty { return "the message has no recipient" }
        for address in [envelopeSender] + envelopeRecipients
        where address.isEmpty || address.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) {
            return "the address \(address.debugDescription) is not a plain e-mail address"
        }
        return nil
    }
}

extension UInt8 {
    /// An ASCII letter, digit, `-` or `_`.
    var isASCIIWordByte: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }

    /// Two upper-case hex digits.
    var hexPair: String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(self >> 4)], digits[Int(self & 0x0F)]])
    }
}
