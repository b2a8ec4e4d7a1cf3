import Foundation
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Operator requests and their outcomes")
struct OperatorRequestTests {
    @Test("R-PRD-02 R-USR-01 a refused request is kept with its log sequence, rule and reason; an accepted one too")
    func refusedAndAccepted() throws {
        var h = Harness.world()
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2098))
        let refusedAt = h.sequence
        h.op(.unlinkProduct(distruProductID: ID.chocolate))
        let requests = h.state.operatorRequests.suffix(2)
        let refused = try #require(requests.first)
        #expect(refused.sequence == refusedAt)
        #expect(refused.type == EventType.productLinked && refused.subject == "distru-product:\(ID.chocolate)")
        #expect(refused.status == .refused && refused.rule == "R-PRD-02")
        #expect(refused.reason?.contains("already linked to LeafLink product 2093") == true)
        #expect(refused.decidedAt == refused.at)
        let accepted = try #require(requests.last)
        #expect(accepted.sequence == refusedAt + 1 && accepted.status == .accepted && accepted.rule == nil)
    }

    @Test("R-PRD-01 R-PRD-04 a link asked before its products are fetched waits, then is accepted or refused by the fetch")
    func waitingThenDecided() throws {
        var h = Harness()
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2093))
        h.op(.linkProduct(distruProductID: ID.cartridge, leafLinkProductID: 2097))
        #expect(h.state.operatorRequests.map(\.status) == [.waiting, .waiting])
        #expect(h.state.operatorRequests.allSatisfy { $0.decidedAt == nil })
        h.observe(.leafLinkProduct, "2093", file: "leaflink/product-2093.json")
        h.observe(.leafLinkProduct, "2097", file: "leaflink/product-2097.json")
        h.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")
        #expect(h.state.operatorRequests[0].status == .accepted)
        #expect(h.state.operatorRequests[0].decidedAt == h.clock)
        #expect(h.state.operatorRequests[1].status == .waiting)
        // A cartridge is sold by the unit, product 2097 by the gram.
        h.observe(.distruProduct, ID.cartridge, file: "distru/product-cartridge.json")
        #expect(h.state.operatorRequests[1].status == .refused && h.state.operatorRequests[1].rule == "R-PRD-04")
        #expect(h.state.waitingRequests.isEmpty)
    }

    @Test("R-PRD-09 a waiting link withdrawn by an unlink, or replaced by another link, is marked replaced by that request")
    func replaced() throws {
        var h = Harness()
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2093))
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2098))
        let second = h.sequence
        h.op(.unlinkProduct(distruProductID: ID.chocolate))
        let statuses = h.state.operatorRequests.map(\.status)
        #expect(statuses == [.replaced, .replaced, .accepted])
        #expect(h.state.operatorRequests[0].reason?.contains("log sequence \(second)") == true)
        #expect(h.state.operatorRequests[1].reason?.contains("log sequence \(second + 1)") == true)
        #expect(h.state.waitingRequests.isEmpty && h.state.waitingLinks.isEmpty)
    }
}
