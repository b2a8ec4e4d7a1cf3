import BenchmarkWorkload
import Foundation
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Engine invariants (R-ENG)")
struct EngineTests {
    @Test("R-ENG-01 a re-fetched record identical to the last one changes nothing, whatever its key order")
    func identicalRefetch() throws {
        var h = Harness.world(mapReps: false)
        h.observeOrder(Harness.order())
        let before = h.state
        #expect(h.observeOrder(Harness.order()).isEmpty)
        #expect(h.state == before)
        // The same record with other whitespace and member order is the same record.
        let pretty = Fixture.bytes("leaflink/order-submitted.json")
        #expect(h.feed(EventFactory.observed(.leafLinkOrder, id: ID.order, bytes: pretty)).isEmpty)
        #expect(h.state == before)
        // A changed record is a change.
        #expect(h.observeOrder(Harness.order { $0.setting("notes", .s("changed")) }).isEmpty == false || h.state != before)
    }

    @Test("R-ENG-02 the reducer is pure: the same stream reduced twice gives identical state and commands")
    func pure() {
        var kinds: Set<String> = []
        for seed in UInt64(1)...40 {
            let events = StreamGenerator.stream(seed: seed, length: 90).map { DomainEvent(recorded: $0) }
            let a = StreamGenerator.run(events), b = StreamGenerator.run(events)
            #expect(a.0 == b.0, "seed \(seed)")
            #expect(a.1 == b.1, "seed \(seed)")
            for c in a.1 { kinds.insert(String("\(c.action)".prefix { $0 != "(" })) }
        }
        // The streams reach every corner: SOs created and moved, pushes, payments, Metrc, errors.
        for kind in [
            "createSalesOrder", "updateSalesOrder", "setSalesOrderStatus", "transitionLeafLinkOrder", "pushLeafLinkInventory",
            "postLeafLinkPayment", "completeSalesOrder", "createMetrcTemplate", "sendErrorEmail", "updateLeafLinkProduct",
        ] {
            #expect(kinds.contains(kind), "no stream produced \(kind)")
        }
    }

    @Test("R-ENG-02 reducing without recording decisions (as the projector does) changes nothing else in the state or the commands")
    func decisionsAreOnlyExplanations() {
        for seed in UInt64(1)...40 {
            let events = StreamGenerator.stream(seed: seed, length: 90).map { DomainEvent(recorded: $0) }
            var quiet = SyncState()
            quiet.recordsDecisions = false
            let full = StreamGenerator.run(events), lean = StreamGenerator.run(events, from: quiet)
            #expect(lean.1 == full.1, "seed \(seed): commands")
            #expect(lean.0.decisions.isEmpty && !full.0.decisions.isEmpty, "seed \(seed)")
            var withoutDecisions = full.0
            withoutDecisions.decisions = [:]
            withoutDecisions.recordsDecisions = false
            #expect(lean.0 == withoutDecisions, "seed \(seed): state")
        }
    }

    @Test("R-ENG-02 the domain sources use no clock, no randomness and no per-process seeded hashing")
    func noClockNoRandomness() throws {
        let dir = Paths.repoRoot.appendingPathComponent("Sources/LeafSyncDomain").resolvingSymlinksInPath()
        let files = try #require(FileManager.default.enumerator(atPath: dir.path)).compactMap { $0 as? String }.filter {
            $0.hasSuffix(".swift")
        }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for banned in [
                "Date()", ".now()", "random", "Hasher", "UUID()", "ProcessInfo", "DispatchTime", "FileManager", "URLSession", "Double(",
            ] {
                #expect(!text.contains(banned), "\(file) uses \(banned)")
            }
        }
    }

    @Test("R-ENG-03 each idempotency key is emitted once (again only as a retry after a failure) and never after success")
    func oncePerKey() {
        for seed in UInt64(100)...140 {
            let log = StreamGenerator.stream(seed: seed, length: 80)
            var s = SyncState()
            var seen: Set<String> = []
            var failed: Set<String> = []
            var succeeded: Set<String> = []
            for e in log {
                let event = DomainEvent(recorded: e)
                for c in reduce(into: &s, event: event) {
                    #expect(!succeeded.contains(c.key), "seed \(seed): \(c.key) after its success")
                    if seen.contains(c.key) { #expect(failed.contains(c.key), "seed \(seed): \(c.key) twice without a failure") }
                    seen.insert(c.key)
                }
                if case .commandFailed(let failure) = event.fact { failed.insert(failure.key) }
                if case .commandSucceeded(let key, _) = event.fact { succeeded.insert(key) }
            }
        }
    }

    @Test("R-ENG-04 replaying to any point reproduces the state at that point; any two-part split equals one go")
    func replayAndSplit() {
        var rng = SeededGenerator(seed: 0x5EED)
        for seed in UInt64(200)...400 {
            let events = StreamGenerator.stream(seed: seed, length: 40).map { DomainEvent(recorded: $0) }
            var states: [SyncState] = []
            var s = SyncState()
            var all: [Command] = []
            for e in events {
                all += reduce(into: &s, event: e)
                states.append(s)
            }
            let k = Int.random(in: 0...events.count, using: &rng)
            let first = StreamGenerator.run(Array(events[..<k]))
            if k > 0 { #expect(first.0 == states[k - 1], "seed \(seed) prefix \(k)") }
            let second = StreamGenerator.run(Array(events[k...]), from: first.0)
            #expect(second.0 == s, "seed \(seed) split at \(k)")
            #expect(first.1 + second.1 == all, "seed \(seed) split at \(k)")
        }
    }

    @Test("R-ENG-04 a sync error can be explained after the fact from the log alone")
    func explainFromLog() {
        var h = Harness.world(mapReps: false)
        h.observeOrder(Harness.order())
        h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
        var replayed = SyncState()
        for e in h.log.prefix(h.log.count - 1) { _ = reduce(into: &replayed, recorded: e) }
        #expect(replayed.openErrors.first?.message.contains("rep 417 (Jane Doe) is not mapped") == true)
        #expect(replayed.explain("ll-order:\(ID.order)").contains { $0.hasPrefix("R-ORD-01") })
    }
}
