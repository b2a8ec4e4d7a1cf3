import Foundation
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Sync errors (R-ERR)")
struct ErrorTests {
    @Test("R-ERR-01 a failed sync names the entity, the rule and the fix, and is mailed to admins and recipients")
    func errorMail() throws {
        var h = Harness.world(mapReps: false)
        let mail = try #require(h.observeOrder(Harness.order()).emails.first)
        #expect(
            mail.recipients == ["jane@distru-customer.example", "ops@distru-customer.example"],
            "admin Jane + the configured recipient, not John")
        #expect(mail.subjectLine.contains("R-ORD-01") && mail.subjectLine.contains("ll-order:\(ID.order)"))
        #expect(mail.body.contains("rep 417 (Jane Doe) is not mapped") && mail.body.contains("How to fix it: "))
        let id = "ll-order:\(ID.order)|R-ORD-01"
        #expect(mail.errorID == id && h.state.errors[id]?.emailedAt == nil)
        h.succeed(h.emitted.first { $0.key.hasPrefix("error-email:") }!)
        #expect(h.state.errors[id]?.emailedAt != nil)
    }

    @Test("R-ERR-02 the same unresolved error is mailed once; when it resolves it is marked resolved")
    func mailedOnce() {
        var h = Harness.world(mapReps: false)
        h.op(.mapRep(distruUserID: ID.john, leafLinkStaffID: 13))
        h.observeOrder(Harness.order())
        for _ in 0..<5 { h.tick() }
        h.observeOrder(Harness.order { $0.setting("modified", .s("2026-11-20T12:00:00-07:00")) })
        #expect(h.emitted.emails.count == 1)
        h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
        let error = h.state.errors["ll-order:\(ID.order)|R-ORD-01"]
        #expect(error?.resolvedAt != nil)
        #expect(h.state.openErrors.isEmpty)
        #expect(h.state.explain("ll-order:\(ID.order)").contains { $0.hasPrefix("R-ORD-01: resolved") })
    }

    @Test("R-ERR-03 failing commands are retried with backoff and finally become a sync error")
    func retries() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        h.fail(create, "503 Service Unavailable")
        #expect(h.tick(after: 10).isEmpty || !h.emitted.suffix(1).keys.contains(create.key), "not before the backoff")
        var retried = 0
        for _ in 0..<10 {
            let out = h.tick(after: 600)
            if out.keys.contains(create.key) {
                retried += 1
                h.fail(create, "503 Service Unavailable")
            }
        }
        #expect(retried == CommandBook.maxAttempts - 1)
        let error = h.state.openErrors.first { $0.rule == "R-ERR-03" }
        #expect(error?.message.contains("failed 5 times: 503 Service Unavailable") == true)
        #expect(h.state.commands.pending[create.key] == nil && h.state.commands.abandoned.contains(create.key))
        #expect(h.sync.phase == .blocked)
        // A permanent refusal is an error at once.
        var refused = Harness.synced()
        let update = try #require(
            refused.observeOrder(Harness.order { $0.setting("notes", .s("x")).setting("modified", .s("2026-11-20T10:00:00-07:00")) }).first)
        refused.fail(
            update, "422 {\"errors\":[{\"message\":\"quantity must be positive\",\"pointer\":[\"items\",0,\"quantity\"]}]}",
            retryable: false)
        #expect(refused.state.openErrors.contains { $0.rule == "R-ERR-03" && $0.message.contains("was refused") })
    }
}
