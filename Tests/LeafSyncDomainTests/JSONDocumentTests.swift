import Foundation
import Testing
import LeafSyncLog
@testable import LeafSyncDomain

/// The tape decoder must read every payload exactly as the tree did: same values, same
/// fingerprints (R-ENG-01), same records, same rejections.
@Suite("JSON tape decoding")
struct JSONDocumentTests {
    static let samples = [
        "leaflink/order-submitted.json", "leaflink/product-2093.json", "leaflink/webhook-order-edit.json",
        "distru/sales-order-synced.json", "distru/company-good-vibrations.json", "distru/user-john.json",
    ]

    @Test("fingerprints equal the tree's and ignore member order, escapes included (R-ENG-01)")
    func fingerprints() throws {
        for name in Self.samples {
            let bytes = Fixture.bytes(name)
            let tree = try JSONParser.parse(bytes)
            #expect(try JSONDocument.parse(bytes).root.fingerprint == tree.fingerprint, "\(name)")
            // Reserialised with sorted keys and no spaces: another byte string, the same record.
            #expect(try JSONDocument.parse(tree.canonicalBytes).root.fingerprint == tree.fingerprint, "\(name)")
        }
        let a = try JSONDocument.parse(Array(#"{"a":"caf\u00e9 \"x\"","b":[1,2.50,null,true],"c":{"d":false}}"#.utf8)).root
        let b = try JSONDocument.parse(Array(#"{ "c" : {"d":false}, "b":[1,2.50,null,true], "a":"café \"x\"" }"#.utf8)).root
        #expect(a.fingerprint == b.fingerprint)
        #expect(a["a"]?.string == "café \"x\"")
        let changed = try JSONDocument.parse(Array(#"{"a":"café \"x\"","b":[2,1,null,true],"c":{"d":false}}"#.utf8)).root
        #expect(changed.fingerprint != a.fingerprint, "array order matters")
    }

    @Test("the tape reads what the tree reads: members, nulls, duplicates, kinds")
    func accessors() throws {
        let doc = try JSONDocument.parse(Array(#"{"id":7,"id":8,"gone":null,"amount":{"amount":"12.50","currency":"USD"},"list":[{"x":1},{"x":2}],"flag":"yes","n":-0.00}"#.utf8)).root
        #expect(doc["id"]?.int == 8, "the last duplicate wins, as in a dictionary")
        #expect(doc["gone"] == nil && doc["absent"] == nil)
        #expect(doc["amount"]?.decimal == Decimal(string: "12.5"))
        #expect(doc["list"]?.array?.compactMap { $0["x"]?.int } == [1, 2])
        #expect(doc["flag"]?.bool == true && doc["n"]?.decimal == 0 && doc["list"]?.kind == .array)
        #expect(doc.tree == (try JSONParser.parse(doc.tree.canonicalBytes)))
    }

    @Test("a duplicated name is found last in small and large objects; unique names are found first")
    func duplicateNames() throws {
        for size in [2, 8, 9, 40] {
            let members = (0..<size).map { #""m\#($0)":\#($0)"# }
            // Duplicate the middle member's name at the end, with another value.
            let duplicated = members + [#""m\#(size / 2)":"last""#]
            let doc = try JSONDocument.parse(Array(("{" + duplicated.joined(separator: ",") + "}").utf8)).root
            #expect(doc["m\(size / 2)"]?.string == "last", "\(size) members")
            #expect(doc["m0"]?.int == 0 && doc["m\(size)"] == nil, "\(size) members")
            let unique = try JSONDocument.parse(Array(("{" + members.joined(separator: ",") + "}").utf8)).root
            #expect((0..<size).allSatisfy { unique["m\($0)"]?.int == $0 } && unique["absent"] == nil)
            #expect(unique.fingerprint == (try JSONParser.parse(Array(("{" + members.reversed().joined(separator: ",") + "}").utf8))).fingerprint)
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

    @Test("malformed JSON is rejected with the byte offset")
    func malformed() {
        for text in [#"{"a":}"#, #"{"a":1,}"#, #"[1 2]"#, #""\q""#, #"{"a":"\u12"}"#, "tru", "{} x", "-", "1.", #"{"a":"x"#] {
            #expect(throws: RecordDecodingError.self, "\(text)") { try JSONDocument.parse(Array(text.utf8)) }
        }
        do {
            _ = try JSONDocument.parse(Array(#"{"a":1,}"#.utf8))
        } catch {
            #expect(error.description.contains("at byte 7"), "\(error)")
        }
    }
}

@Suite("Order table indexes")
struct OrderTableTests {
    static func order(_ number: String, short: String, reps: [Int], products: [Int]) throws -> LeafLinkOrder {
        let lines = products.enumerated().map { #"{"id":\#($0.offset + 1),"product":\#($0.element),"quantity":"1"}"# }
        let text = #"{"number":"\#(number)","short_id":"\#(short)","status":"Submitted","sales_reps":[\#(reps.map { #"{"id":\#($0)}"# }.joined(separator: ","))],"line_items":[\#(lines.joined(separator: ","))]}"#
        return try LeafLinkOrder(json: JSONDocument.parse(Array(text.utf8)).root)
    }

    /// What the indexes must say, computed the slow way from the table itself.
    static func expectConsistent(_ table: OrderTable, reps: [Int], products: [Int], shorts: [String]) {
        let blocked = table.keys.filter { table[$0]?.phase == .blocked }
        #expect(table.blocked == Set(blocked))
        for rep in reps {
            #expect(table.blocked(naming: rep) == Set(blocked.filter { table[$0]!.order.salesReps.contains { $0.id == rep } }), "rep \(rep)")
        }
        for product in products {
            #expect(table.blocked(ordering: product) == Set(blocked.filter { table[$0]!.order.lines?.contains { $0.productID == product } ?? false }), "product \(product)")
        }
        for short in shorts {
            #expect(table.numbers(withShortID: short) == Set(table.keys.filter { table[$0]!.order.shortID == short }), "short id \(short)")
        }
    }

    @Test("blocked-by-rep, blocked-by-product and short-id indexes follow every change (R-ORD-01)")
    func indexesFollowChanges() throws {
        var table = OrderTable()
        var sync = OrderSync(number: "a", order: try Self.order("a", short: "s1", reps: [1, 2], products: [10]))
        sync.phase = .blocked
        table["a"] = sync
        var other = OrderSync(number: "b", order: try Self.order("b", short: "s1", reps: [2], products: [10, 11]))
        other.phase = .blocked
        table["b"] = other
        Self.expectConsistent(table, reps: [1, 2, 3], products: [10, 11], shorts: ["s1", "s2"])
        #expect(table.blocked(naming: 2) == ["a", "b"] && table.blocked(ordering: 11) == ["b"])

        sync.order = try Self.order("a", short: "s2", reps: [3], products: [11])
        table["a"] = sync                        // edited while blocked
        other.phase = .creating
        table["b"] = other                       // unblocked
        Self.expectConsistent(table, reps: [1, 2, 3], products: [10, 11], shorts: ["s1", "s2"])
        #expect(table.blocked(naming: 2).isEmpty && table.blocked(naming: 3) == ["a"] && table.numbers(withShortID: "s1") == ["b"])

        table["a"] = nil
        Self.expectConsistent(table, reps: [1, 2, 3], products: [10, 11], shorts: ["s1", "s2"])
        #expect(table.blocked.isEmpty && table.numbers(withShortID: "s2").isEmpty)
    }
}
