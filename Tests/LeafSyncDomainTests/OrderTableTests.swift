import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Order table indexes")
struct OrderTableTests {
    static func order(_ number: String, short: String, reps: [Int], products: [Int]) throws -> LeafLinkOrder {
        let lines = products.enumerated().map { #"{"id":\#($0.offset + 1),"product":\#($0.element),"quantity":"1"}"# }
        let text =
            #"{"number":"\#(number)","short_id":"\#(short)","status":"Submitted","sales_reps":[\#(reps.map { #"{"id":\#($0)}"# }.joined(separator: ","))],"line_items":[\#(lines.joined(separator: ","))]}"#
        return try LeafLinkOrder(json: JSONDocument.parse(Array(text.utf8)).root)
    }

    /// What the indexes must say, computed the slow way from the table itself.
    static func expectConsistent(_ table: OrderTable, reps: [Int], products: [Int], shorts: [String]) {
        let blocked = table.keys.filter { table[$0]?.phase == .blocked }
        #expect(table.blocked == Set(blocked))
        for rep in reps {
            #expect(
                table.blocked(naming: rep) == Set(blocked.filter { table[$0]!.order.salesReps.contains { $0.id == rep } }), "rep \(rep)")
        }
        for product in products {
            #expect(
                table.blocked(ordering: product)
                    == Set(blocked.filter { table[$0]!.order.lines?.contains { $0.productID == product } ?? false }), "product \(product)")
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
        table["a"] = sync  // edited while blocked
        other.phase = .creating
        table["b"] = other  // unblocked
        Self.expectConsistent(table, reps: [1, 2, 3], products: [10, 11], shorts: ["s1", "s2"])
        #expect(table.blocked(naming: 2).isEmpty && table.blocked(naming: 3) == ["a"] && table.numbers(withShortID: "s1") == ["b"])

        table["a"] = nil
        Self.expectConsistent(table, reps: [1, 2, 3], products: [10, 11], shorts: ["s1", "s2"])
        #expect(table.blocked.isEmpty && table.numbers(withShortID: "s2").isEmpty)
    }
}
