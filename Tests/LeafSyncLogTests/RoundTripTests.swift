import BenchmarkWorkload
import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: round trips")
struct RoundTripTests {
    @Test("one event comes back exactly as appended")
    func oneEvent() async throws {
        let directory = TemporaryDirectory()
        let event = Fixtures.event(35)  // has causation and correlation ids
        let writer = try EventLogWriter(directory: directory.path, options: EventLogOptions(durability: .fsync))
        let sequence = try await writer.append(event)
        #expect(sequence == 1)
        #expect(writer.lastSequence == 1)
        await writer.close()

        let events = try EventLogReader(directory: directory.path).readAll()
        #expect(events.count == 1)
        #expect(events[0].sequence == 1)
        #expect(events[0].matches(event))
    }

    @Test("100,000 realistic events round-trip across segments, sequences gapless from 1")
    func hundredThousand() async throws {
        let directory = TemporaryDirectory()
        let generated = try RealisticWorkload().events(count: 100_000, seed: 7)
        let writer = try EventLogWriter(directory: directory.path, options: EventLogOptions(durability: .none, segmentSizeLimit: 4 << 20))
        for start in stride(from: 0, to: generated.count, by: 2_500) {
            let range = try await writer.append(Array(generated[start..<min(start + 2_500, generated.count)]))
            #expect(range.lowerBound == UInt64(start) + 1)
        }
        await writer.close()
        #expect(Fixtures.segmentFiles(directory.path).count > 1, "the test should cross segment rolls")

        let cursor = try EventLogReader(directory: directory.path).cursor(from: 1)
        var expected = 0
        while let event = try cursor.next() {
            #expect(event.sequence == UInt64(expected) + 1)
            if !event.matches(generated[expected]) {
                Issue.record("event \(event.sequence) differs from what was appended")
                break
            }
            expected += 1
        }
        #expect(expected == generated.count)
        let inspection = try LogInspector.verify(directory: directory.path)
        #expect(inspection.isSound)
        #expect(inspection.stats.events == 100_000)
        #expect(inspection.stats.compressionRatio > 4)
    }

    @Test("the writer stamps the append time when an event has none, and appends continue after reopening")
    func stampsAndReopens() async throws {
        let directory = TemporaryDirectory()
        let before = Timestamp.now()
        var unstamped = Fixtures.event(1)
        unstamped.recordedAt = nil
        try await Fixtures.writeLog(at: directory.path, count: 10)
        let writer = try EventLogWriter(directory: directory.path)
        #expect(writer.lastSequence == 10)
        #expect(try await writer.append(unstamped) == 11)
        await writer.close()
        let last = try EventLogReader(directory: directory.path).readAll(from: 11)
        #expect(last.count == 1)
        #expect(last[0].recordedAt >= before && last[0].recordedAt <= Timestamp.now())
    }

    @Test("bad input to append is refused with a clear error and nothing is written")
    func refusesBadInput() async throws {
        let directory = TemporaryDirectory()
        let writer = try EventLogWriter(directory: directory.path)
        await #expect(throws: EventLogError.emptyAppend) { try await writer.append([]) }
        var huge = Fixtures.event(1)
        huge.subject = String(repeating: "s", count: 5_000)
        await #expect(throws: EventLogError.fieldTooLong(field: "subject", bytes: 5_000, limit: 4_096)) { try await writer.append(huge) }
        #expect(writer.lastSequence == 0)
        await writer.close()
        await #expect(throws: EventLogError.self) { try await writer.append(Fixtures.event(1)) }
        #expect(try EventLogReader(directory: directory.path).readAll().isEmpty)
    }

    @Test("concurrent appends under group commit get disjoint, gapless ranges")
    func groupCommit() async throws {
        let directory = TemporaryDirectory()
        let writer = try EventLogWriter(directory: directory.path, options: EventLogOptions(durability: .group))
        let ranges = try await withThrowingTaskGroup(of: ClosedRange<UInt64>.self) { group in
            for task in 0..<16 {
                group.addTask { try await writer.append((0..<10).map { Fixtures.event(task * 10 + $0) }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await writer.close()
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        #expect(sorted.first?.lowerBound == 1)
        #expect(sorted.last?.upperBound == 160)
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.upperBound + 1 == b.lowerBound) }
        let stats = try LogInspector.verify(directory: directory.path).stats
        #expect(stats.events == 160)
        #expect(stats.batches < 16, "concurrent appends should have shared batches")
    }
}
