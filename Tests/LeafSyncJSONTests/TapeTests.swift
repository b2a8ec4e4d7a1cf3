import Foundation
import Testing

@testable import LeafSyncJSON

/// The tape must read every payload exactly as the tree does: same values, same fingerprints
/// (R-ENG-01), same rejections.
@Suite("JSON tape decoding")
struct TapeTests {
    @Test("fingerprints equal the tree's and ignore member order, escapes included (R-ENG-01)")
    func fingerprints() throws {
        for name in Sample.names {
            let bytes = Sample.bytes(name)
            let tree = try JSONParser.parse(bytes)
            #expect(try JSONDocument.parse(bytes).root.fingerprint == tree.fingerprint, "\(name)")
            // Reserialised with sorted keys and no spaces: another byte string, the same record.
            #expect(try JSONDocument.parse(tree.canonicalBytes).root.fingerprint == tree.fingerprint, "\(name)")
        }
        let a = try JSONDocument.parse(#"{"a":"caf\u00e9 \"x\"","b":[1,2.50,null,true],"c":{"d":false}}"#).root
        let b = try JSONDocument.parse(#"{ "c" : {"d":false}, "b":[1,2.50,null,true], "a":"café \"x\"" }"#).root
        #expect(a.fingerprint == b.fingerprint)
        #expect(a["a"]?.string == "café \"x\"")
        let changed = try JSONDocument.parse(#"{"a":"café \"x\"","b":[2,1,null,true],"c":{"d":false}}"#).root
        #expect(changed.fingerprint != a.fingerprint, "array order matters")
    }

    @Test("the tape reads what the tree reads: members, nulls, duplicates, kinds")
    func accessors() throws {
        let doc = try JSONDocument.parse(
            #"{"id":7,"id":8,"gone":null,"amount":{"amount":"12.50","currency":"USD"},"list":[{"x":1},{"x":2}],"flag":"yes","n":-0.00}"#
        ).root
        #expect(doc["id"]?.int == 8, "the last duplicate wins, as in a dictionary")
        #expect(doc["gone"] == nil && doc["absent"] == nil)
        #expect(doc["amount"]?.decimal == Decimal(string: "12.5"))
        #expect(doc["list"]?.array?.compactMap { $0["x"]?.int } == [1, 2])
        #expect(doc["flag"]?.bool == true && doc["n"]?.decimal == 0 && doc["list"]?.kind == .array)
        #expect(doc.value == (try JSONParser.parse(doc.value.canonicalBytes)))
        let tree = doc.value
        #expect(tree.member("gone") == nil && tree["gone"] == .null, "the tolerant reader skips a null; the subscript keeps it")
        #expect(tree.memberNames == ["id", "gone", "amount", "list", "flag", "n"] && tree["id"] == 8)
    }

    @Test("a duplicated name is found last in small and large objects; unique names are found first")
    func duplicateNames() throws {
        for size in [2, 8, 9, 40] {
            let members = (0..<size).map { #""m\#($0)":\#($0)"# }
            // Duplicate the middle member's name at the end, with another value.
            let duplicated = members + [#""m\#(size / 2)":"last""#]
            let doc = try JSONDocument.parse("{" + duplicated.joined(separator: ",") + "}").root
            #expect(doc["m\(size / 2)"]?.string == "last", "\(size) members")
            #expect(doc["m0"]?.int == 0 && doc["m\(size)"] == nil, "\(size) members")
            let unique = try JSONDocument.parse("{" + members.joined(separator: ",") + "}").root
            #expect((0..<size).allSatisfy { unique["m\($0)"]?.int == $0 } && unique["absent"] == nil)
            #expect(unique.fingerprint == (try JSONParser.parse("{" + members.reversed().joined(separator: ",") + "}")).fingerprint)
        }
    }

    @Test("the fast amount parser agrees with the exact parser")
    func amounts() {
        for text in ["0", "24.0000", "-12.50", "108.00", "3000.000000", "0.0000", "-0.00", "1234567.891234", "100", "999999999999999999"] {
            let fast = Array(text.utf8).withUnsafeBufferPointer { DecimalText.parsePlain($0) }
            #expect(fast == DecimalText.parse(text), "\(text)")
            #expect(fast?.description == DecimalText.parse(text)?.description, "\(text)")
        }
        for text in ["1e3", "+1", " 1", "1.", ".5", "12345678901234567890", "1.2.3", ""] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { DecimalText.parsePlain($0) } == nil, "\(text) is not plain")
        }
    }

    @Test("malformed JSON is rejected with the byte offset; leading zeros and raw control characters too")
    func malformed() {
        let texts = [
            #"{"a":}"#, #"{"a":1,}"#, #"[1 2]"#, #""\q""#, #"{"a":"\u12"}"#, "tru", "{} x", "-", "1.", #"{"a":"x"#,
            #"{"a": 01}"#, "-01", "\"a\u{09}b\"", "\"line\nbreak\"", "", "  ", "[", #"{"a" 1}"#, "1e", "[1,]",
        ]
        for text in texts {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONDocument.parse(text) }
        }
        #expect(throws: JSONSyntaxError(offset: 7, reason: "expected member name")) { try JSONDocument.parse(#"{"a":1,}"#) }
        #expect(throws: JSONSyntaxError(offset: 5, reason: "leading zero in a number")) { try JSONDocument.parse(#"{"a":01}"#) }
        #expect((try? JSONDocument.parse(#"[0, -0, 0.5, -0.5e-3, 10, "tab\tescaped", "\/"]"#)) != nil)
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONSyntaxError.self, "nesting is bounded") { try JSONDocument.parse(deep) }
    }

    @Test("a document keeps the bytes it was given and reads them in place")
    func sharedBytes() throws {
        final class Owner: @unchecked Sendable {  // the bytes are written once, before sharing
            let base: UnsafeMutableRawBufferPointer
            init(_ text: String) {
                base = .allocate(byteCount: text.utf8.count, alignment: 1)
                base.copyBytes(from: Array(text.utf8))
            }
            deinit { base.deallocate() }
        }
        var owner: Owner? = Owner(#"{"amount":"12.50","name":"caf\u00e9"}"#)
        let doc = try JSONDocument.parse(JSONBytes(unsafeShared: UnsafeRawBufferPointer(owner!.base), owner: owner!))
        owner = nil  // the document keeps it alive
        #expect(doc.root["amount"]?.plainDecimal == PlainDecimal(negative: false, significand: 1250, scale: 2))
        #expect(doc.root["name"]?.string == "café")
    }
}
