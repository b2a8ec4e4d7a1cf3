import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

/// On first connection, what Distru already knows is imported: products whose record carries
/// `leaflink_product_id` are linked, and an LL order that already has a Distru SO is adopted.
@Suite("First connection: links and SOs Distru already has")
struct FirstConnectionTests {
    /// The LeafLink products of the scenario, and nothing else.
    static func leafLinkProducts() -> Harness {
        var h = Harness()
        for id in 2093...2098 { h.observe(.leafLinkProduct, "\(id)", file: "leaflink/product-\(id).json") }
        return h
    }

    static func product(_ file: String, leafLink id: Int?) -> JSONValue {
        Fixture.json("distru/product-\(file).json").setting("leaflink_product_id", id.map { .n(String($0)) } ?? .null)
    }

    @Test("R-PRD-01 a Distru product whose record carries leaflink_product_id is linked to it, in either fetch order")
    func importsLinks() {
        var h = Self.leafLinkProducts()
        h.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")  // leaflink_product_id 2093
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2093)
        #expect(h.state.explain("distru-product:\(ID.chocolate)").contains { $0.contains("imported as a link") })

        var early = Harness()
        early.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")
        #expect(early.state.links.isEmpty && early.state.waitingLinks[ID.chocolate] == 2093, "waits for the LeafLink product")
        early.observe(.leafLinkProduct, "2093", file: "leaflink/product-2093.json")
        #expect(early.state.links[ID.chocolate]?.leafLinkProductID == 2093)
    }

    @Test("R-PRD-01 a second Distru product naming an already linked LeafLink product is refused with its rule")
    func importRefusedOneToOne() {
        var h = Self.leafLinkProducts()
        h.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")
        h.observe(.distruProduct, ID.milkChocolate, json: Self.product("milk-chocolate", leafLink: 2093))
        #expect(h.state.links[ID.milkChocolate] == nil && h.state.linkOfLeafLinkProduct[2093] == ID.chocolate)
        #expect(h.state.refusals["distru-product:\(ID.milkChocolate)"]?.rule == "R-PRD-01")
    }

    @Test("R-PRD-04 a record naming a LeafLink product of another unit type is refused, not linked")
    func importRefusedUnit() {
        var h = Self.leafLinkProducts()
        h.observe(.distruProduct, ID.bulkFlower, json: Self.product("bulk-flower", leafLink: 2093))  // Gram vs Unit
        #expect(h.state.links[ID.bulkFlower] == nil)
        #expect(h.state.refusals["distru-product:\(ID.bulkFlower)"]?.rule == "R-PRD-04")
    }

    @Test("R-PRD-02 linking an imported link again changes nothing; an unlink stands when the record is fetched again")
    func operatorAndImport() {
        var h = Self.leafLinkProducts()
        h.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")
        let linked = h.state.links[ID.chocolate]
        #expect(h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2093)).isEmpty)
        #expect(h.state.links[ID.chocolate] == linked && h.state.refusals.isEmpty, "a no-op, not a refusal")
        h.op(.unlinkProduct(distruProductID: ID.chocolate))
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("name", .s("Dark Bar")))
        #expect(h.state.links[ID.chocolate] == nil, "the record still names 2093, but the operator unlinked it")
        // A record naming another product than the link is a refusal (the link is locked).
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2098))
        h.observe(.distruProduct, ID.chocolate, json: Self.product("chocolate", leafLink: 2094))
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2098)
        #expect(h.state.refusals["distru-product:\(ID.chocolate)"]?.rule == "R-PRD-02")
    }

    @Test("R-PRD-01 an operator's link asked before the first fetch is kept over the record's leaflink_product_id")
    func operatorFirst() {
        var h = Harness()
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2098))
        h.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")
        for id in [2093, 2098] { h.observe(.leafLinkProduct, "\(id)", file: "leaflink/product-\(id).json") }
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2098)
        #expect(h.state.linkOfLeafLinkProduct[2093] == nil && h.state.refusals.isEmpty)
    }

    @Test("R-ORD-15 an SO seen before its LL order is adopted when the order arrives; no SO is created")
    func salesOrderFirst() {
        var h = Harness.world()
        h.observeSalesOrder(Harness.salesOrder())
        #expect(h.state.orders[ID.order] == nil && h.state.salesOrdersAwaitingOrder["5e3c1f7a-2b4d-4c8e-9a1f-0d2e3f4a5b6c"] != nil)
        let commands = h.observeOrder(Harness.order())
        #expect(commands.creates.isEmpty)
        #expect(h.sync.phase == .synced && h.sync.salesOrderID == ID.salesOrder && h.sync.salesOrderNumber == "SO-001042")
        #expect(h.state.orderOfSalesOrder[ID.salesOrder] == ID.order && h.state.salesOrdersAwaitingOrder.isEmpty)
        #expect(h.tick().creates.isEmpty && h.observeOrder(Harness.order { $0.setting("notes", .s("again")) }).creates.isEmpty)
    }

    @Test("R-ORD-15 a blocked LL order whose SO is found in Distru is adopted, its error resolved, and never created")
    func blockedOrderAdopted() {
        var h = Harness.world(mapReps: false)
        h.observeOrder(Harness.order())
        #expect(h.sync.phase == .blocked)
        // Found by the short id the SO gives (leaflink_order_number), as Distru's own integration writes it.
        h.observeSalesOrder(Harness.salesOrder { $0.setting("leaflink_id", .null) })
        #expect(h.sync.phase == .synced && h.sync.salesOrderID == ID.salesOrder)
        #expect(h.state.errors["ll-order:\(ID.order)|R-ORD-01"]?.resolvedAt != nil)
        #expect(h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417)).creates.isEmpty)
    }

    @Test("R-ORD-15 an SO creation abandoned but landed in Distru is adopted when the SO is seen; the failed command is withdrawn")
    func abandonedCreateLanded() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create:") })
        h.fail(create, "timed out", retryable: false)
        #expect(h.sync.phase == .blocked && h.state.commands.abandoned.contains(create.key))
        let errorID = "ll-order:\(ID.order)|R-ERR-03|\(create.key)"
        #expect(h.state.errors[errorID]?.resolvedAt == nil)
        h.observeSalesOrder(Harness.salesOrder())
        #expect(h.sync.phase == .synced && h.sync.salesOrderID == ID.salesOrder)
        #expect(h.state.commands.cancelled.contains(create.key) && !h.state.commands.abandoned.contains(create.key))
        #expect(h.state.errors[errorID]?.resolvedAt != nil)
        #expect(h.tick().creates.isEmpty)
    }

    @Test("R-ORD-15 a creation failing after its SO was adopted is withdrawn, with no sync error")
    func failureAfterAdoption() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create:") })
        h.observeSalesOrder(Harness.salesOrder())
        h.fail(create, "refused", retryable: false)
        #expect(h.sync.phase == .synced && h.state.commands.cancelled.contains(create.key))
        #expect(h.state.openErrors.filter { $0.subject == "ll-order:\(ID.order)" }.isEmpty)
    }
}
