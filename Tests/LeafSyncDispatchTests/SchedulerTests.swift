import Foundation
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("The scheduler drives time on an injected clock")
struct SchedulerTests {
    @Test("R-SET-03, R-INV-02: a day of ten-minute cycles runs in moments: 145 ticks, a poll of each collection at each, the clock's time in every tick")
    func aDayOfCycles() async throws {
        try await withEngine(configure: { $0.tickEvery = .seconds(600) }) { engine, ll, distru in
            let run = Task { try await engine.dispatcher.run() }
            for _ in 0..<144 {
                await engine.clock.sleepers(atLeast: 1)  // the dispatcher waits for its next tick
                engine.clock.advance(by: .seconds(600))
            }
            await engine.clock.sleepers(atLeast: 1)
            run.cancel()
            try await run.value

            let events = try EventLogReader(directory: engine.logPath).readAll()
            let ticks = events.filter { $0.type == EventType.tick }
            #expect(ticks.count == 145)
            let first = try #require(ticks.first?.recordedAt.microseconds)
            #expect(ticks.last?.recordedAt.microseconds == first + 144 * 600_000_000)
            var state = SyncState()
            for event in events { _ = reduce(into: &state, recorded: event) }
            let polls = state.commands.done.filter { $0.hasPrefix("poll:leaflink-orders@") }
            #expect(polls.count == 145)
            #expect(state.commands.done.filter { $0.hasPrefix("poll:distru-all@") }.count == 145)
        }
    }
}
