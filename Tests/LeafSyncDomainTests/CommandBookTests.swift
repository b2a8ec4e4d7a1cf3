import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

/// The order commands are sent in, their retries and the operator's retry (R-ENG-03, R-ERR-03).
@Suite("Command order, dependencies and retries (R-ENG-03, R-ERR-03)")
struct CommandBookTests {
    @Test("R-ENG-03 R-UPD-08 an SO reaching COMPLETED emits the LL transitions in order, each depending on the one before")
    func transitionChain() throws {
        var h = Harness.synced()
        let externalIDs = try #require(h.state.commands.pending.values.first { $0.key.hasPrefix("ll-external-ids:") })
        let transitions = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("COMPLETED")) })
            .filter { $0.key.hasPrefix("ll-transition:") }
        #expect(transitions.transitions == [.accept, .fulfill, .ship, .complete])
        #expect(transitions.map(\.sequence) == transitions.map(\.sequence).sorted() && Set(transitions.map(\.sequence)).count == 4)
        #expect(transitions.allSatisfy { $0.action.target == "leaflink-order:\(ID.order)" })
        // Each waits for the previous command on the same LeafLink order: the external ids, then each transition.
        #expect(transitions.map(\.dependsOn) == [externalIDs.key] + transitions.dropLast().map(\.key))
    }

    @Test("R-ENG-03 ready(at:) yields one command per remote object, in emission order, never by key order")
    func readyOnePerChain() throws {
        var h = Harness.synced()
        let transitions = h.observeSalesOrder(Harness.salesOrder { $0.setting("status", .s("COMPLETED")) })
            .filter { $0.key.hasPrefix("ll-transition:") }
        let external = try #require(h.state.commands.pending.values.first { $0.key.hasPrefix("ll-external-ids:") })
        let onOrder = { (h: Harness) in h.state.commands.ready(at: h.clock).filter { $0.action.target == "leaflink-order:\(ID.order)" } }
        #expect(onOrder(h).map(\.key) == [external.key])
        #expect(h.state.commands.wait(for: transitions[1].key, at: h.clock) == .dependency(key: transitions[0].key, failed: false))
        h.succeed(external)
        var sent: [LeafLinkTransition] = []
        while let next = onOrder(h).first {
            #expect(onOrder(h).count == 1, "one command of the order at a time")
            sent += [next].transitions
            h.succeed(next)
        }
        #expect(sent == [.accept, .fulfill, .ship, .complete], "sorted keys would give accept, complete, fulfill, ship")
        let ready = h.state.commands.ready(at: h.clock)
        #expect(ready.map(\.sequence) == ready.map(\.sequence).sorted())
    }

    @Test("R-ERR-03 retry times back off with a jitter derived from the key and attempt, identical on replay")
    func backoffOnReplay() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        var dues: [(failed: Timestamp, due: Timestamp)] = []
        for attempt in 1...3 {
            if attempt > 1 { h.tick(after: 600) }
            h.fail(create, "503 Service Unavailable", status: 503, kind: "http")
            dues.append((h.clock, try #require(h.state.commands.retryAt[create.key])))
        }
        var replayed = SyncState()
        for event in h.log { reduce(into: &replayed, recorded: event) }
        #expect(replayed.commands == h.state.commands, "the same due times on replay")
        for (index, (failed, due)) in dues.enumerated() {
            let base = Int64(30_000_000) << Int64(index)
            let delay = due.microseconds - failed.microseconds
            #expect(delay >= base && delay < base + base / 4, "attempt \(index + 1): \(delay) µs")
            #expect(due == Reduction.retryTime(key: create.key, attempt: index + 1, after: failed))
        }
        #expect(Reduction.retryTime(key: create.key, attempt: 1, after: h.clock) != Reduction.retryTime(key: "other", attempt: 1, after: h.clock))
        #expect(h.state.commands.lastError[create.key] == "503 Service Unavailable")
        // Before the due time the command waits; from it on it is ready.
        var fresh = Harness.world()
        let key = try #require(fresh.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        fresh.fail(key, "timed out", kind: "transport")
        let retryAt = try #require(fresh.state.commands.retryAt[key.key])
        #expect(fresh.state.commands.wait(for: key.key, at: fresh.clock) == .retry(at: retryAt))
        #expect(!fresh.state.commands.ready(at: fresh.clock).keys.contains(key.key))
        #expect(fresh.state.commands.ready(at: retryAt).keys.contains(key.key))
    }

    @Test("R-ERR-03 past the attempt limit a command is abandoned: one sync error, one e-mail command")
    func abandonOnce() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        for _ in 0..<CommandBook.maxAttempts {
            h.fail(create, "500 Internal Server Error", status: 500, kind: "http")
            h.tick(after: 600)
        }
        #expect(h.state.commands.abandoned.contains(create.key))
        #expect(h.state.commands.attempts[create.key] == CommandBook.maxAttempts)
        let errors = h.state.openErrors.filter { $0.id.hasSuffix("|\(create.key)") }
        #expect(errors.count == 1)
        #expect(h.emitted.emails.filter { $0.errorID == errors.first?.id }.count == 1)
        #expect(h.state.commands.status(of: create.key) == .failed)
    }

    @Test("R-ERR-03 a 4xx refusal, an invalid request or a missing configuration abandons at once")
    func permanentFailures() throws {
        for (status, kind) in [(422, "http"), (nil, "invalidRequest"), (nil, "notConfigured")] as [(Int?, String)] {
            var h = Harness.world()
            let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
            h.fail(create, "refused", status: status, kind: kind)
            #expect(h.state.commands.abandoned.contains(create.key), "\(kind) \(status.map(String.init) ?? "")")
        }
        var limited = Harness.world()
        let create = try #require(limited.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        limited.fail(create, "429 Too Many Requests", status: 429, kind: "rateLimited")
        #expect(limited.state.commands.pending[create.key] != nil, "429 is retried")
    }

    @Test("R-ERR-03 retryCommand re-readies an abandoned command; its success resolves the error; unknown keys are refused")
    func operatorRetry() throws {
        var h = Harness.world()
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        h.fail(create, "400 Bad Request", status: 400, kind: "http")
        #expect(h.sync.phase == .blocked)
        let retried = h.op(.retryCommand(key: create.key))
        #expect(retried.keys == [create.key])
        #expect(h.state.commands.pending[create.key] != nil && h.state.commands.attempts[create.key] == nil)
        #expect(h.state.commands.ready(at: h.clock).keys.contains(create.key))
        #expect(h.sync.phase == .creating)
        #expect(h.state.openErrors.contains { $0.id.hasSuffix("|\(create.key)") }, "open until it succeeds")
        h.succeed(create, Fixture.json("distru/sales-order-create-response.json"))
        #expect(!h.state.openErrors.contains { $0.id.hasSuffix("|\(create.key)") })
        #expect(h.sync.phase == .synced)

        h.op(.retryCommand(key: create.key))
        #expect(h.state.refusals["command:\(create.key)"]?.rule == "R-ERR-03", "already succeeded")
        h.op(.retryCommand(key: "no-such-key"))
        #expect(h.state.refusals["command:no-such-key"]?.text.contains("no command has the key") == true)
    }

    @Test("R-ERR-03 retryFailedCommands puts every abandoned command back, in emission order")
    func retryAllFailed() throws {
        var h = Harness.world()
        let pushes = h.tick().filter { $0.key.hasPrefix("ll-inventory:") }
        try #require(!pushes.isEmpty)
        let create = try #require(h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") })
        h.fail(create, "refused", retryable: false)
        for push in pushes { h.fail(push, "refused", retryable: false) }
        let retried = h.op(.retryFailedCommands)
        #expect(retried.keys == (pushes + [create]).sorted { $0.sequence < $1.sequence }.keys)
        #expect(h.state.commands.abandoned.isEmpty)
    }

    @Test("R-ENG-03 R-INV-02 a newer quantity runs after the older; an abandoned older one does not block it and is withdrawn when it succeeds")
    func latestValueChain() throws {
        var h = Harness.world()
        let first = try #require(h.tick().first { $0.key.hasPrefix("ll-inventory:2093") })
        h.inventory(product: ID.chocolate, location: ID.mainWarehouse, available: "650.000000")
        let second = try #require(h.tick().first { $0.key.hasPrefix("ll-inventory:2093") })
        #expect(second.dependsOn == first.key)
        #expect(!h.state.commands.ready(at: h.clock).keys.contains(second.key), "waits while the older one may be in flight")
        h.fail(first, "refused", retryable: false)
        #expect(h.state.commands.ready(at: h.clock).keys.contains(second.key), "the newer value replaces the failed one")
        h.succeed(second)
        #expect(h.state.commands.cancelled.contains(first.key) && h.state.commands.status(of: first.key) == .cancelled)
        #expect(!h.state.openErrors.contains { $0.id.hasSuffix("|\(first.key)") })
        h.op(.retryFailedCommands)
        #expect(h.state.commands.pending[first.key] == nil, "a withdrawn value is never retried")
    }

    @Test("R-PAY-02 a reversal depends on its original payment, and waits to be emitted until the original reached LeafLink")
    func reversalDependsOnOriginal() throws {
        var h = Harness.synced()
        h.op(.changeSettings(SettingsChange(syncPayments: true)))
        h.clock = ISO8601.parse("2026-11-22T00:00:00Z")!
        let invoice = PaymentTests.invoice()
        let original = try #require(h.observe(.distruInvoice, ID.invoice, json: invoice).first)
        let reversal = try #require(h.observe(.distruInvoice, ID.invoice, json: invoice.setting("payments", .array([]))).first)
        #expect(reversal.dependsOn == original.key)
        #expect(h.state.commands.wait(for: reversal.key, at: h.clock) == .dependency(key: original.key, failed: false))

        var failed = Harness.synced()
        failed.op(.changeSettings(SettingsChange(syncPayments: true)))
        failed.clock = ISO8601.parse("2026-11-22T00:00:00Z")!
        let payment = try #require(failed.observe(.distruInvoice, ID.invoice, json: invoice).first)
        failed.fail(payment, "refused", retryable: false)
        #expect(failed.observe(.distruInvoice, ID.invoice, json: invoice.setting("payments", .array([]))).payments.isEmpty)
        // The operator retries the original; once it has reached LeafLink, the held-back reversal follows it.
        failed.op(.retryCommand(key: payment.key))
        let late = failed.succeed(payment)
        #expect(late.payments.map(\.amount) == [money("-500.00")])
        #expect(late.first?.dependsOn == payment.key)
    }

    @Test("R-ENG-03 an engine.command.failed without status or kind (written before they existed) still decodes")
    func oldFailureDecodes() {
        let old = NewEvent(
            type: EventType.commandFailed, source: "engine", subject: "ll-order:x",
            payload: Array(#"{"error":"boom","key":"k","retryable":true}"#.utf8))
        #expect(DomainEvent(recorded: DecodingTests.recorded(old)).fact == .commandFailed(CommandFailure(key: "k", error: "boom", retryable: true)))
        let command = Command(key: "k", subject: "ll-order:x", rule: "R-ORD-01", action: .poll(system: "leaflink", kind: "orders"))
        let new = EventFactory.commandFailed(command, error: "boom", retryable: false, status: 409, kind: "conflict")
        #expect(
            DomainEvent(recorded: DecodingTests.recorded(new)).fact
                == .commandFailed(CommandFailure(key: "k", error: "boom", retryable: false, status: 409, kind: "conflict")))
        for action in [OperatorAction.retryCommand(key: "ll-payment:p-1"), .retryFailedCommands] {
            let event = try? EventFactory.operatorAction(action)
            #expect(event.map { DomainEvent(recorded: DecodingTests.recorded($0)).fact } == .operatorAction(action))
        }
    }
}
