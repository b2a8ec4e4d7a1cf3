import LeafSyncJSON
import Testing

@Suite("Byte-range scans of API pages")
struct ScanTests {
    @Test("scanTopLevel gives each member's value range and the elements of the array member, exactly as received")
    func topLevel() throws {
        let body = Array(
            #"{"count": 2, "next": null, "previous": "p\"?", "results": [ {"a": 1.50, "b": "x\"}"} ,{"c":[1,{"d":null}]}], "n": -0}"#.utf8)
        let scan = try JSONParser.scanTopLevel(body, arrayKey: "results")
        func text(_ range: Range<Int>?) -> String? { range.map { String(decoding: body[$0], as: UTF8.self) } }
        #expect(text(scan.members["count"]) == "2" && text(scan.members["next"]) == "null")
        #expect(text(scan.members["previous"]) == #""p\"?""# && text(scan.members["n"]) == "-0")
        #expect(scan.elements?.map { text($0) } == [#"{"a": 1.50, "b": "x\"}"}"#, #"{"c":[1,{"d":null}]}"#])
        #expect(text(scan.members["results"])?.hasPrefix("[ {") == true && text(scan.members["results"])?.hasSuffix("}]") == true)
        #expect(try JSONParser.scanTopLevel(Array(#"{"results": {}}"#.utf8), arrayKey: "results").elements == nil)
        #expect(try JSONParser.scanTopLevel(Array("{}".utf8), arrayKey: "results").members.isEmpty)
    }

    @Test("scanArray slices a bare array; both scans validate the whole document with the parser's error")
    func array() throws {
        let body = Array(#" [{"id": 1}, "two", [3], 4.0 ] "#.utf8)
        #expect(
            try JSONParser.scanArray(body).map { String(decoding: body[$0], as: UTF8.self) } == [#"{"id": 1}"#, #""two""#, "[3]", "4.0"])
        #expect(try JSONParser.scanArray(Array("[]".utf8)).isEmpty)
        for text in [#"{"results": [1, 2"#, #"{"a" 1}"#, "[1,]", #"{"a": tru}"#, #"{"a": 01}"#, #"{"a": 1} x"#] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONParser.scanTopLevel(Array(text.utf8), arrayKey: "results") }
        }
        #expect(throws: JSONSyntaxError(offset: 0, reason: "expected an object")) {
            try JSONParser.scanTopLevel(Array("[1]".utf8), arrayKey: "results")
        }
        #expect(throws: JSONSyntaxError(offset: 1, reason: "expected an array")) { try JSONParser.scanArray(Array(" {}".utf8)) }
        #expect(throws: JSONSyntaxError(offset: 6, reason: "expected , or ]")) { try JSONParser.scanArray(Array("[1, 2 3]".utf8)) }
    }
}
