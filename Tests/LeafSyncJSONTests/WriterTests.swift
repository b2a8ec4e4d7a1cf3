import Foundation
import LeafSyncJSON
import OrderedCollections
import Testing

@Suite("JSON values and the writer")
struct WriterTests {
    @Test("compact output keeps member order and number text; parsing it gives the value back")
    func roundTrip() throws {
        let text = #"{"z":210.40,"a":[true,null,"é\n",-0.5e3],"m":{"y":1,"b":{}},"e":[]}"#
        let value = try JSONParser.parse(text)
        #expect(value.text == text)
        #expect(try JSONParser.parse(value.serialized()) == value)
        for name in Sample.names {
            let tree = try JSONParser.parse(Sample.bytes(name))
            #expect(try JSONParser.parse(tree.serialized()) == tree, "\(name)")
            #expect(try JSONParser.parse(tree.canonicalBytes) == tree, "\(name)")
        }
    }

    @Test("canonical output sorts members at every level and is the same for any member order")
    func canonicalOrder() throws {
        let a = try JSONParser.parse(#"{"b": {"y": 2, "x": [ {"q": 1, "p": 0} ]}, "a": 1.50, "A": null}"#)
        let b = try JSONParser.parse(#"{"A": null, "a": 1.50, "b": {"x": [{"p": 0, "q": 1}], "y": 2}}"#)
        #expect(a.canonicalText == #"{"A":null,"a":1.50,"b":{"x":[{"p":0,"q":1}],"y":2}}"#)
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(a == b && a.hashValue == b.hashValue, "equality ignores member order, as JSON does")
        #expect(a.text != b.text, "the compact form keeps each one's order")
        #expect(JSONWriter.canonical(["b": .string("a\u{01}\"\\é\n"), "a": .number("1.50")]) == #"{"a":1.50,"b":"a\u0001\"\\é\n"}"#)
    }

    @Test("strings escape quotes, backslashes and every control character, and keep / and non-ASCII as they are")
    func escapes() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let written = JSONValue.string(controls).text
        #expect(written.hasPrefix(#""\u0000\u0001"#) && written.contains(#"\b"#) == false && written.contains(#"\u0008"#))
        #expect(written.contains(#"\t\n\u000b\u000c\r"#))
        #expect(written.utf8.allSatisfy { $0 >= 0x20 }, "no raw control character is written")
        let text = "a/b \"q\" \\ é 漢字 🌿 \u{7F}"
        #expect(JSONValue.string(text).text == #""a/b \"q\" \\ é 漢字 🌿 \#u{7F}""#)
        for value in [controls, text, "", "\u{2028}\u{2029}"] {
            #expect(try JSONParser.parse(JSONValue.string(value).serialized()) == .string(value), "\(value.debugDescription)")
        }
        #expect(try JSONParser.parse(#""\ud83c\udf3f \u00e9 \/""#) == .string("🌿 é /"), "surrogate pairs and \\/ decode")
    }

    @Test("literals, accessors and filling(from:) behave as both former value types did")
    func accessors() throws {
        var value: JSONValue = [
            "id": 7, "name": "Blue Dream", "tags": ["a", "b"], "active": true, "note": nil, "price": ["amount": .number("12.50")],
        ]
        #expect(value["id"]?.intValue == 7 && value["id"]?.int == 7 && value["id"]?.string == "7")
        #expect(value["name"]?.stringValue == "Blue Dream" && value["id"]?.stringValue == nil)
        #expect(value["tags"]?.arrayValue?.count == 2 && value["active"]?.boolValue == true)
        #expect(value["note"] == .null && value["note"]?.isNull == true && value.member("note") == nil)
        #expect(value["price"]?.decimal == Decimal(string: "12.5") && value.objectValue?.keys.first == "id")
        value["name"] = "Jack Herer"
        value["gone"] = nil
        value["id"] = nil
        #expect(value.memberNames == ["name", "tags", "active", "note", "price"])
        let filled = (value.object ?? [:]).filling(from: ["name": "x", "price": ["currency": "USD"], "extra": 1])
        #expect(
            JSONValue.object(filled).text
                == #"{"name":"Jack Herer","tags":["a","b"],"active":true,"note":null,"price":{"amount":12.50,"currency":"USD"},"extra":1}"#)
        #expect(JSONValue.int(-3).text == "-3" && JSONValue.double(1234.0).text == "1234" && JSONValue.double(.nan) == .null)
        #expect(try JSONValue.decimal(Decimal(string: "18.10")!).text == "18.1")
        #expect(throws: JSONValueError.notANumber) { try JSONValue.decimal(.nan) }
    }
}
