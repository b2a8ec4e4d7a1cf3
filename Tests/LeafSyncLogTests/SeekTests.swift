import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: seeking")
struct SeekTests {
    /// 20,000 small events in many segments (8 KiB limit) and many batches.
    static func makeLog() async throws -> (TemporaryDirectory, [NewEvent]) {
        let directory = TemporaryDirectory()
        let events = try await Fixtures.writeLog(
            at: directory.path, count: 20_000, perAppend: 37,
            options: EventLogOptions(durability: .none, segmentSizeLimit: 8 << 10)
        )
        return (directory, events)
    }

    @Test("a cursor starts at any sequence, across segment rolls")
    func seekAnywhere() async throws {
        let (directory, events) = try await Self.makeLog()
        #expect(Fixtures.segmentFiles(directory.path).count > 50)
        let reader = try EventLogReader(directory: directory.path)
        var random = SystemRandomNumberGenerator()
        var starts: [UInt64] = [1, 2, 36, 37, 38, 19_999, 20_000]
        starts += (0..<200).map { _ in UInt64.random(in: 1...20_000, using: &random) }
        for start in starts {
            let cursor = try reader.cursor(from: start)
            for offset in 0..<3 where start + UInt64(offset) <= 20_000 {
                let event = try #require(try cursor.next(), "no event at \(start + UInt64(offset))")
                #expect(event.sequence == start + UInt64(offset))
                #expect(event.matches(events[Int(event.sequence) - 1]))
            }
        }
        #expect(try reader.cursor(from: 20_001).next() == nil)
        #expect(try reader.lastSequence() == 20_000)
    }

    @Test("a missing, stale or garbage sparse index is never trusted")
    func indexIsOnlyAHint() async throws {
        let (directory, events) = try await Self.makeLog()
        let indexes = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".idx") }.sorted()
        #expect(indexes.count == Fixtures.segmentFiles(directory.path).count)
        // Remove one, swap two others (stale: they point into other segments), fill one with garbage.
        try FileManager.default.removeItem(atPath: directory.sub(indexes[3]))
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.sub(indexes[5])))
        let b = try Data(contentsOf: URL(fileURLWithPath: directory.sub(indexes[9])))
        try b.write(to: URL(fileURLWithPath: directory.sub(indexes[5])))
        try a.write(to: URL(fileURLWithPath: directory.sub(indexes[9])))
        var garbage = [UInt8](repeating: 0, count: 100)
        garbage.withUnsafeMutableBytes { $0.copyBytes(from: "LSI1".utf8) }
        try Data(garbage).write(to: URL(fileURLWithPath: directory.sub(indexes[12])))

        let reader = try EventLogReader(directory: directory.path)
        for start in stride(from: UInt64(1), through: 20_000, by: 97) {
            let event = try #require(try reader.cursor(from: start).next())
            #expect(event.sequence == start)
            #expect(event.matches(events[Int(start) - 1]))
        }
        // The writer rebuilds what it finds wrong on open.
        let writer = try EventLogWriter(directory: directory.path)
        await writer.close()
        #expect(FileManager.default.fileExists(atPath: directory.sub(indexes[3])))
    }

    @Test("events(from:) is an AsyncSequence over the same events")
    func asyncSequence() async throws {
        let (directory, _) = try await Self.makeLog()
        var count = 0
        var expected: UInt64 = 19_000
        for try await event in try EventLogReader(directory: directory.path).events(from: 19_000) {
            #expect(event.sequence == expected)
            expected += 1
            count += 1
        }
        #expect(count == 1_001)
    }
}
