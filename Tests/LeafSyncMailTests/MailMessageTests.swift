import Foundation
import LeafSyncTestSupport
import Testing

@testable import LeafSyncMail

/// 2026-12-03 14:29:37 UTC, a Thursday.
let sampleDate = Date(timeIntervalSince1970: 1_796_308_177)

func sampleMessage(
    id: String = "sync-error.R-ORD-04.1234", subject: String = "Order 1234 could not be synced", body: String? = nil
) -> MailMessage {
    MailMessage(
        id: id, from: "LeafSync <leafsync@example.com>", to: ["Ops <ops@example.com>", "admin@example.com"], subject: subject,
        body: body ?? "What failed: the Distru sales order for LeafLink order 1234.\nWhat to do: map the rep.\n", date: sampleDate)
}

@Suite("MailMessage renders RFC 5322")
struct MailMessageTests {
    @Test("headers in order, CRLF only, Message-ID and Date from the message, a 7bit ASCII body")
    func plainASCII() {
        let text = sampleMessage().rfc5322()
        let (head, body) = split(text)
        #expect(
            head == [
                "Date: Thu, 03 Dec 2026 14:29:37 +0000",
                "From: LeafSync <leafsync@example.com>",
                "To: Ops <ops@example.com>, admin@example.com",
                "Subject: Order 1234 could not be synced",
                "Message-ID: <sync-error.R-ORD-04.1234@leafsync>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "Content-Transfer-Encoding: 7bit",
                "Auto-Submitted: auto-generated",
            ])
        #expect(body == "What failed: the Distru sales order for LeafLink order 1234.\r\nWhat to do: map the rep.\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("the id becomes a file- and Message-ID-safe name, =XX per unsafe byte, without collisions")
    func fileSafeID() {
        #expect(sampleMessage(id: "sync-error.R-ORD-04.1234").fileSafeID == "sync-error.R-ORD-04.1234")
        #expect(sampleMessage(id: "order/12 34:ü").fileSafeID == "order=2F12=2034=3A=C3=BC")
        #expect(sampleMessage(id: ".hidden..x.").fileSafeID == "=2Ehidden=2E=2Ex=2E")
        // `=` is escaped too, so an id that looks escaped stays distinct.
        #expect(sampleMessage(id: "a/b").fileSafeID != sampleMessage(id: "a=2Fb").fileSafeID)
        #expect(sampleMessage(id: "a/b").messageID == "<a=2Fb@leafsync>")
    }

    @Test("a display name with a comma or dot is quoted, so it stays one address; a quoted one is kept")
    func quotedDisplayNames() {
        #expect(HeaderField.address("Smith, J. <j@example.com>") == "\"Smith, J.\" <j@example.com>")
        #expect(HeaderField.address("\"Ops (24/7)\" <ops@example.com>") == "\"Ops (24/7)\" <ops@example.com>")
        #expect(HeaderField.address("Say \"hi\". <a@example.com>") == "\"Say \\\"hi\\\".\" <a@example.com>")
        #expect(HeaderField.address("  a@example.com ") == "a@example.com")
        #expect(MailMessage.envelopeAddress("Smith, J. <j@example.com>") == "j@example.com")
    }

    @Test("a line break in the subject cannot add a header")
    func headerInjection() {
        let text = sampleMessage(subject: "Order 1\r\nBcc: attacker@example.com").rfc5322()
        let (head, _) = split(text)
        #expect(!head.contains { $0.hasPrefix("Bcc:") })
        #expect(head.contains("Subject: Order 1  Bcc: attacker@example.com"))
    }

    @Test("a long ASCII subject folds at spaces within 78 characters and unfolds to itself")
    func foldedSubject() {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let (head, _) = split(sampleMessage(subject: subject).rfc5322())
        let unfolded = unfold(head)
        #expect(unfolded.contains("Subject: " + subject))
        #expect(head.allSatisfy { $0.utf8.count <= 78 })
        #expect(head.filter { $0.hasPrefix(" ") }.count >= 2)
    }

    @Test(
        "a non-ASCII subject is RFC 2047 encoded words and the body quoted-printable UTF-8; Python's email parser reads both back",
        .enabled(
            if: PythonEnvironment.isAvailable, "needs Python with aiosmtpd (Tools/lib/setup.sh ensure_aiosmtpd; skipped only without PyPI)")
    )
    func nonASCIIParsesBack() async throws {
        let subject = "Überweisung für Bestellung 1234 fehlgeschlagen — Kund*in „Grüne Blätter“ 🌿 (R-PAY-02)"
        let body =
            "Zahlung über 1.234,56 € ist fehlgeschlagen.\n.a line that starts with a dot\n" + String(repeating: "long ", count: 60)
            + "\nend "
        let message = sampleMessage(subject: subject, body: body)
        let text = message.rfc5322()
        #expect(text.unicodeScalars.allSatisfy { $0.value < 128 })
        let (head, _) = split(text)
        #expect(head.allSatisfy { $0.utf8.count <= 78 })
        #expect(head.contains("Content-Transfer-Encoding: quoted-printable"))

        let directory = TemporaryDirectory("mail-parse")
        let file = directory.sub("m.eml")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let parsed = try await ParsedMail.parse(file: file)
        #expect(parsed.defects == [])
        #expect(parsed.headers["Subject"] == subject)
        #expect(parsed.headers["Message-ID"] == "<sync-error.R-ORD-04.1234@leafsync>")
        #expect(parsed.headers["To"] == "Ops <ops@example.com>, admin@example.com")
        #expect(parsed.charset == "utf-8")
        #expect(parsed.body == body + "\n")
        #expect(!parsed.bareLf)
        #expect(parsed.longestHeaderLine <= 78)
    }

    @Test("quoted-printable lines stay within 76 characters, never split an =XX, and never start with a dot")
    func quotedPrintableShape() {
        let line = String(repeating: "ü.", count: 80)
        let encoded = BodyEncoding.quotedPrintable(Array(line.utf8))
        let physical = encoded.components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.utf8.count <= 76 })
        #expect(physical.allSatisfy { !$0.hasPrefix(".") })
        #expect(physical.dropLast().allSatisfy { $0.hasSuffix("=") })
        // Decoding (joining soft breaks, then =XX) gives the line back.
        let joined = physical.map { $0.hasSuffix("=") ? String($0.dropLast()) : $0 }.joined()
        #expect(decodeQuotedPrintable(joined) == line)
    }

    private func split(_ text: String) -> (head: [String], body: String) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        return (parts[0].components(separatedBy: "\r\n"), parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    private func unfold(_ head: [String]) -> [String] {
        head.reduce(into: [String]()) { lines, line in
            if line.hasPrefix(" "), !lines.isEmpty { lines[lines.count - 1] += line } else { lines.append(line) }
        }
    }

    private func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next() {
                bytes.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)!)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
