import DistruAPI
import Foundation
import HTTPClientSupport
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import Testing

@Suite("Retries, sync errors and their e-mail")
struct RetryTests {
    @Test("R-ERR-01, R-ERR-02, R-ERR-03: an SO create against a Distru answering 500 is retried with backoff, becomes one sync error with one e-mail, and succeeds after `retry`")
    func failingCommandBecomesOneSyncError() async throws {
        try await withEngine { engine, ll, distru in
            try await engine.cycle()  // everything fetched; the order waits for its rep and products
            try await control(distru, .PATCH, "/_sim/settings", ["error_rate": 1, "error_status": 500])
            try await engine.record(contentsOf: Demo.setup)
            let key = "distru-so-create:\(Demo.order)"
            var attempts: [Int] = []
            for _ in 0..<8 {
                // No tick: nothing is polled, only the create (and its retries) is sent.
                _ = try await engine.dispatcher.runOnce()
                attempts.append(await engine.state.commands.attempts[key] ?? 0)
                engine.clock.advance(by: .seconds(3600))
            }
            let state = await engine.state
            #expect(state.commands.abandoned.contains(key), "attempts per round: \(attempts)")
            #expect(attempts.max() == CommandBook.maxAttempts)
            let errors = state.openErrors.filter { $0.subject == "ll-order:\(Demo.order)" && $0.rule == "R-ERR-03" }
            #expect(errors.count == 1)
            #expect(errors.first?.emailedAt != nil)

            // More cycles, with Distru healthy again: the open error is not mailed again.
            try await control(distru, .PATCH, "/_sim/settings", ["error_rate": 0])
            try await engine.cycle()
            try await engine.cycle()
            let mails = try FileManager.default.contentsOfDirectory(atPath: engine.outbox)
                .map { try String(contentsOfFile: engine.outbox + "/" + $0, encoding: .utf8) }
                .filter { $0.contains("R-ERR-03") && $0.contains(Demo.order) }
            #expect(mails.count == 1)
            #expect(try await engine.distru.orders().filter { $0.value.leaflinkOrderNumber == Demo.order }.isEmpty)

            // The operator retries it: it is sent, succeeds, and its error resolves.
            try await engine.record(.retryCommand(key: key))
            try await engine.cycle()
            let after = await engine.state
            #expect(after.commands.done.contains(key))
            #expect(after.openErrors.filter { $0.subject == "ll-order:\(Demo.order)" && $0.rule == "R-ERR-03" }.isEmpty)
            _ = try await engine.distru.order(id: DeterministicID.salesOrder(forLeafLinkOrder: Demo.order))
        }
    }
}
