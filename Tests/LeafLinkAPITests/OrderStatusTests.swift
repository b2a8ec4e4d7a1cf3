import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDomain
import Testing

/// `Order.status` decodes into the domain's one tolerant `LeafLinkOrderStatus`.
@Suite struct OrderStatusTests {
    @Test("unknown order statuses are kept, known ones match whatever their case")
    func unknownEnumValuesAreKept() throws {
        let s = try LeafLinkClient.decoder.decode([LeafLinkOrderStatus].self, from: Data(#"["Accepted", "OnHold", "accepted"]"#.utf8))
        #expect(s == [.accepted, .unknown("OnHold"), .accepted])
        #expect(s[1].rawValue == "OnHold")
    }
}
