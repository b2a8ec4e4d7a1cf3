import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: torn tails and corruption")
struct RecoveryTests {
    /// A log with three batches; the last batch is small so every offset inside it can be tried.
    static func threeBatches() async throws -> (TemporaryDirectory, segment: String, lastBatchStart: Int, size: Int) {
        let directory = TemporaryDirectory()
        let writer = try EventLogWriter(directory: directory.path, options: EventLogOptions(durability: .fsync))
        try await writer.append((0..<50).map { Fixtures.event($0) })
        try await writer.append((50..<90).map { Fixtures.event($0) })
        let sizeBefore = try fileSize(directory.sub("00000000000000000001.seg"))
        try await writer.append((90..<93).map { Fixtures.event($0, size: 10) })
        await writer.close()
        let segment = directory.sub("00000000000000000001.seg")
        return (directory, segment, sizeBefore, try fileSize(segment))
    }

    static func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue
    }

    @Test("truncating the last segment at every offset inside its last batch recovers exactly the complete batches")
    func tornTailAtEveryOffset() async throws {
        let (directory, segment, lastBatchStart, size) = try await Self.threeBatches()
        let original = try Data(contentsOf: URL(fileURLWithPath: segment))
        #expect(size - lastBatchStart > 36, "the last batch has a header and a body")
        for cut in (lastBatchStart + 1)..<size {
            let copy = TemporaryDirectory("torn")
            try original.prefix(cut).write(to: URL(fileURLWithPath: copy.sub("00000000000000000001.seg")))

            let verdict = try LogInspector.verify(directory: copy.path)
            guard case .tornTail(_, let validEnd, let bytes, _)? = verdict.problem else {
                Issue.record("cut at \(cut): expected a torn tail, got \(String(describing: verdict.problem))")
                continue
            }
            #expect(validEnd == UInt64(lastBatchStart))
            #expect(bytes == UInt64(cut - lastBatchStart))

            let writer = try EventLogWriter(directory: copy.path)
            #expect(writer.recovery?.offset == UInt64(lastBatchStart))
            #expect(writer.recovery?.truncatedBytes == UInt64(cut - lastBatchStart))
            #expect(writer.lastSequence == 90)
            // The log takes writes again, continuing the sequence.
            #expect(try await writer.append(Fixtures.event(999)) == 91)
            await writer.close()
            let events = try EventLogReader(directory: copy.path).readAll()
            #expect(events.count == 91)
            #expect(events.prefix(90).map(\.payload.bytes) == (0..<90).map { Fixtures.event($0).payload })
            #expect(try LogInspector.verify(directory: copy.path).isSound)
        }
        withExtendedLifetime(directory) {}
    }

    @Test("1,000 random single-bit flips anywhere in a segment are all detected")
    func bitFlips() async throws {
        let (directory, segment, _, size) = try await Self.threeBatches()
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        defer { withExtendedLifetime(directory) {} }
        let copy = TemporaryDirectory("flips")
        let target = URL(fileURLWithPath: copy.sub("00000000000000000001.seg"))
        var random = SystemRandomNumberGenerator()
        var undetected: [Int] = []
        for _ in 0..<1_000 {
            let bit = Int.random(in: 0..<(size * 8), using: &random)
            var flipped = original
            flipped[bit / 8] ^= UInt8(1 << (bit % 8))
            try Data(flipped).write(to: target)
            if try LogInspector.verify(directory: copy.path).isSound { undetected.append(bit) }
        }
        #expect(undetected.isEmpty, "undetected flips at bits \(undetected.prefix(10))")
    }

    @Test("corruption in the middle is a typed error naming segment and offset, and the writer refuses to open")
    func corruptionRefusesWrites() async throws {
        let (directory, segment, _, _) = try await Self.threeBatches()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        bytes[100] ^= 0x10  // inside the first batch's body
        try Data(bytes).write(to: URL(fileURLWithPath: segment))

        let verdict = try LogInspector.verify(directory: directory.path)
        guard case .corruption(let corruption)? = verdict.problem else {
            Issue.record("expected corruption, got \(String(describing: verdict.problem))")
            return
        }
        #expect(corruption.segment == "00000000000000000001.seg")
        #expect(corruption.offset == 0)
        #expect(throws: EventLogError.corrupted(corruption)) { _ = try EventLogWriter(directory: directory.path) }
        // Readers fail loudly too, never silently skip.
        #expect(throws: EventLogError.self) { _ = try EventLogReader(directory: directory.path).readAll() }
        #expect("\(EventLogError.corrupted(corruption))".contains("leafsync log repair"))
    }

    @Test("repair truncates a torn tail, and with --force quarantines damage and says how many events it cut")
    func repair() async throws {
        // Torn tail.
        let (torn, tornSegment, lastBatchStart, _) = try await Self.threeBatches()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: tornSegment))
        try handle.truncate(atOffset: UInt64(lastBatchStart + 40))
        try handle.close()
        let tornOutcome = try LogInspector.repair(directory: torn.path, force: false)
        #expect(tornOutcome == .truncatedTornTail(segment: "00000000000000000001.seg", offset: UInt64(lastBatchStart), bytes: 40))
        #expect(try LogInspector.verify(directory: torn.path).isSound)

        // Corruption in the middle: batch 2 of 3 damaged.
        let (damaged, segment, _, _) = try await Self.threeBatches()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        let secondBatch = try #require(LogInspector.verify(directory: damaged.path).stats.batches == 3 ? firstBatchSize(bytes) : nil)
        bytes[secondBatch + 50] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: segment))

        let refused = try LogInspector.repair(directory: damaged.path, force: false)
        guard case .refusedWithoutForce(_, let from, let to, let exact) = refused else {
            Issue.record("expected a refusal without --force, got \(refused)")
            return
        }
        #expect((from, to, exact) == (51, 93, true))
        #expect(try LogInspector.verify(directory: damaged.path).problem != nil, "nothing changed without --force")

        let outcome = try LogInspector.repair(directory: damaged.path, force: true)
        guard case .quarantined(_, let offset, let quarantine, 51, 93, true) = outcome else {
            Issue.record("unexpected outcome \(outcome)")
            return
        }
        #expect(offset == UInt64(secondBatch))
        #expect(outcome.description.contains("cut 43 events"))
        #expect(FileManager.default.fileExists(atPath: quarantine + "/00000000000000000001.seg.from-\(secondBatch)"))
        let inspection = try LogInspector.verify(directory: damaged.path)
        #expect(inspection.isSound)
        #expect(inspection.stats.lastSequence == 50)
        let writer = try EventLogWriter(directory: damaged.path)
        #expect(try await writer.append(Fixtures.event(1)) == 51)
        await writer.close()
    }

    /// Size of the first batch (header + stored body) in raw segment bytes.
    func firstBatchSize(_ bytes: [UInt8]) -> Int {
        let stored = Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16 | Int(bytes[27]) << 24
        return 36 + stored
    }
}
