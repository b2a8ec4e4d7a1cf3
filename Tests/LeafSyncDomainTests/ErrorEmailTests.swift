import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

/// One e-mail per opened sync error, whatever its text (R-ERR-01/02).
@Suite("Sync-error e-mail identity (R-ERR-01, R-ERR-02)")
struct ErrorEmailTests {
    @Test("R-ERR-02 a changed message of an open error is not e-mailed again: a stock-blocked order is mailed once")
    func changedMessageNotMailed() {
        var h = Harness.world()
        h.inventory(product: ID.blueDream, location: ID.mainWarehouse, available: "3.000000")
        h.observeOrder(Harness.order())
        h.inventory(product: ID.blueDream, location: ID.mainWarehouse, available: "4.000000")
        h.inventory(product: ID.blueDream, location: ID.mainWarehouse, available: "5.000000")
        let id = "ll-order:\(ID.order)|R-ORD-01"
        #expect(h.state.errors[id]?.message.contains("has 5 available") == true, "the error shows the latest figures")
        #expect(h.emitted.emails.filter { $0.errorID == id }.count == 1)
        #expect(h.emitted.keys.filter { $0.hasPrefix("error-email:") } == ["error-email:\(id)@\(h.state.errors[id]!.openedAt.microseconds)"])
    }

    @Test("R-ERR-02 a resolved error that opens again is a new error, and is mailed again")
    func reopenedIsMailed() {
        var h = Harness.world()
        let subject = "ll-staff:999"
        let unreadable = { (text: String) in EventFactory.observed(.leafLinkStaff, id: "999", bytes: Array(text.utf8)) }
        h.feed(unreadable("{"))
        h.feed(unreadable("{\"id\":"))
        #expect(h.emitted.emails.count == 1, "still the same open error")
        h.observe(.leafLinkStaff, "999", file: "leaflink/staff-417.json")
        #expect(h.state.errors["\(subject)|R-ERR-01"]?.resolvedAt != nil)
        h.feed(unreadable("["))
        #expect(h.emitted.emails.count == 2)
        #expect(Set(h.emitted.filter { $0.key.hasPrefix("error-email:") }.keys).count == 2, "a new key: the new opening time")
    }

    @Test("R-ERR-01 the e-mail names the entity, what failed, the rule, the fix and the LeafLink order")
    func mailBody() throws {
        var h = Harness.world(mapReps: false)
        let mail = try #require(h.observeOrder(Harness.order()).emails.first)
        #expect(mail.body.contains("rep 417 (Jane Doe) is not mapped"))
        #expect(mail.body.contains("Entity: ll-order:\(ID.order)"))
        #expect(mail.body.contains("Rule: R-ORD-01"))
        #expect(mail.body.contains("LeafLink order: \(h.sync.order.shortID ?? "?") (\(ID.order))"))
        #expect(mail.body.contains("How to fix it: "))
    }

    @Test("R-ERR-01 a failed e-mail becomes a sync error without an e-mail about it")
    func failedMailNotMailed() throws {
        var h = Harness.world(mapReps: false)
        let mail = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("error-email:") })
        h.fail(mail, "SMTP relay refused", retryable: false)
        #expect(h.state.openErrors.contains { $0.id.hasSuffix("|\(mail.key)") })
        #expect(h.emitted.emails.count == 1)
    }
}
