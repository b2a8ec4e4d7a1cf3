import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: compaction")
struct CompactionTests {
    /// Small segments, so the log has several.
    static let options = EventLogOptions(durability: .none, segmentSizeLimit: 8_192)

    static func readAll(_ path: String, from sequence: UInt64 = 1) throws -> [RecordedEvent] {
        let cursor = try EventLogReader(directory: path).cursor(from: sequence)
        var events: [RecordedEvent] = []
        while let event = try cursor.next() { events.append(event) }
        return events
    }

    /// Bytes of the segment files (the report counts segments, not their index hints).
    static func bytesOnDisk(_ path: String) throws -> UInt64 {
        try Fixtures.segmentFiles(path).reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? NSNumber)?.uint64Value ?? 0)
        }
    }

    @Test("compaction keeps every event and sequence, shrinks the log, verifies, and skips what it already did")
    func roundTrip() async throws {
        let directory = TemporaryDirectory()
        let events = try await Fixtures.writeLog(at: directory.path, count: 3_000, perAppend: 100, options: Self.options)
        let segments = Fixtures.segmentFiles(directory.path)
        #expect(segments.count >= 3)
        let before = try Self.bytesOnDisk(directory.path)

        let report = try LogCompactor(directory: directory.path).compact()
        #expect(report.segmentsCompacted == segments.count && report.segmentsUnchanged == 0 && report.batchesCompacted == 30)
        #expect(report.bytesBefore == before && report.bytesAfter < before)
        #expect(try Self.bytesOnDisk(directory.path) == report.bytesAfter)
        #expect(Fixtures.segmentFiles(directory.path) == segments, "same segment files, same names")
        #expect(try LogInspector.verify(directory: directory.path).isSound)
        let read = try Self.readAll(directory.path)
        #expect(read.count == events.count)
        #expect(zip(read, events).allSatisfy { $0.matches($1) })
        #expect(read.map(\.sequence) == Array(1...UInt64(events.count)))
        // Seeks land on the right event through the rewritten sparse indexes.
        for start in [1, 77, 1_000, 1_001, 2_999, 3_000] as [UInt64] {
            #expect(try Self.readAll(directory.path, from: start).first?.matches(events[Int(start) - 1]) == true, "from \(start)")
        }

        let again = try LogCompactor(directory: directory.path).compact()
        #expect(again.segmentsCompacted == 0 && again.segmentsUnchanged == segments.count)
        #expect(again.description.hasPrefix("nothing to compact"))
    }

    @Test("a writer appends after compaction; the next compaction redoes only the segment with new batches")
    func appendAfterCompaction() async throws {
        let directory = TemporaryDirectory()
        var events = try await Fixtures.writeLog(at: directory.path, count: 2_000, perAppend: 100, options: Self.options)
        _ = try LogCompactor(directory: directory.path).compact()
        let writer = try EventLogWriter(directory: directory.path, options: Self.options)
        let more = (2_000..<2_050).map { Fixtures.event($0) }
        try await writer.append(more)
        await writer.close()
        events += more
        let segments = Fixtures.segmentFiles(directory.path).count

        let report = try LogCompactor(directory: directory.path).compact()
        #expect(report.segmentsCompacted == 1 && report.segmentsUnchanged == segments - 1 && report.batchesCompacted == 1)
        let read = try Self.readAll(directory.path)
        #expect(read.count == events.count && zip(read, events).allSatisfy { $0.matches($1) })
    }

    @Test("a cursor reading while the log is compacted returns every event exactly once")
    func readerDuringCompaction() async throws {
        let directory = TemporaryDirectory()
        let events = try await Fixtures.writeLog(at: directory.path, count: 3_000, perAppend: 100, options: Self.options)
        let cursor = try EventLogReader(directory: directory.path).cursor(from: 1)
        var read: [RecordedEvent] = []
        while read.count < 1_234, let event = try cursor.next() { read.append(event) }
        _ = try LogCompactor(directory: directory.path).compact()
        while let event = try cursor.next() { read.append(event) }
        #expect(read.count == events.count && zip(read, events).allSatisfy { $0.matches($1) })
    }

    @Test("compaction is refused while a writer has the log open, and the error names the lock")
    func refusedWhileWriting() async throws {
        let directory = TemporaryDirectory()
        try await Fixtures.writeLog(at: directory.path, count: 500, options: Self.options)
        let writer = try EventLogWriter(directory: directory.path, options: Self.options)
        #expect {
            try LogCompactor(directory: directory.path).compact()
        } throws: { error in
            guard case .locked(_, let lockFile, _)? = error as? EventLogError else { return false }
            return lockFile.hasSuffix(LogDirectory.lockFileName)
        }
        await writer.close()
        #expect(try LogCompactor(directory: directory.path).compact().segmentsCompacted > 0)
    }

    @Test("a torn tail stops compaction with the segment and offset, and leaves the log as it was")
    func tornTail() async throws {
        let directory = TemporaryDirectory()
        try await Fixtures.writeLog(at: directory.path, count: 500, options: Self.options)
        let last = directory.sub(try #require(Fixtures.segmentFiles(directory.path).last))
        let handle = try #require(FileHandle(forWritingAtPath: last))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x4C, 0x53, 0x42, 0x31, 0x01]))  // a header cut short
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: last))

        #expect {
            try LogCompactor(directory: directory.path).compact()
        } throws: { error in
            guard case .corrupted(let corruption)? = error as? EventLogError else { return false }
            return last.hasSuffix(corruption.segment) && corruption.reason.contains("leafsync log repair")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: last)) == before)
    }

    @Test("a corrupt batch body stops compaction naming segment and offset, leaving the segment as it was and no temporary file")
    func corruptBody() async throws {
        let directory = TemporaryDirectory()
        try await Fixtures.writeLog(at: directory.path, count: 1_000, perAppend: 100, options: EventLogOptions(durability: .none))
        let segment = directory.sub(try #require(Fixtures.segmentFiles(directory.path).first))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        let offsets = ScanTests.batchOffsets(bytes)
        bytes[offsets[6] + 60] ^= 0x10  // inside the 7th batch's body
        try Data(bytes).write(to: URL(fileURLWithPath: segment))

        #expect {
            try LogCompactor(directory: directory.path).compact()
        } throws: { error in
            guard case .corrupted(let corruption)? = error as? EventLogError else { return false }
            return segment.hasSuffix(corruption.segment) && corruption.offset == UInt64(offsets[6])
                && corruption.reason.contains("checksum")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: segment)) == Data(bytes))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: directory.path)).contains { $0.hasSuffix(".compacting") })
    }

    @Test("a temporary file left by a crashed compaction is ignored by readers and removed by the next compaction")
    func leftoverFromCrash() async throws {
        let directory = TemporaryDirectory()
        let events = try await Fixtures.writeLog(at: directory.path, count: 500, options: Self.options)
        let first = try #require(Fixtures.segmentFiles(directory.path).first)
        let leftover = directory.sub(first + ".compacting")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: leftover))
        #expect(try Self.readAll(directory.path).count == events.count)
        #expect(try LogInspector.verify(directory: directory.path).isSound)

        _ = try LogCompactor(directory: directory.path).compact()
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try Self.readAll(directory.path).count == events.count)
    }

    @Test("a writer with compactSealedSegments compacts each segment it rolls past, and those it finds on open")
    func backgroundCompaction() async throws {
        let directory = TemporaryDirectory()
        // Written without it: nothing compacted.
        var events = try await Fixtures.writeLog(at: directory.path, count: 1_500, perAppend: 100, options: Self.options)
        let before = Fixtures.segmentFiles(directory.path).count
        var options = Self.options
        options.compactSealedSegments = true
        let writer = try EventLogWriter(directory: directory.path, options: options)
        let more = (1_500..<3_000).map { Fixtures.event($0) }
        for start in stride(from: 0, to: more.count, by: 100) { try await writer.append(Array(more[start..<(start + 100)])) }
        events += more
        let segments = Fixtures.segmentFiles(directory.path).count
        #expect(segments > before)
        // Every segment but the one still being written gets compacted in the background: the
        // old ones when the writer opened, the new ones as it rolled past them.
        let deadline = ContinuousClock.now + .seconds(60)
        while writer.compactionReport.segmentsCompacted < segments - 1, ContinuousClock.now < deadline {
            await Task.yield()
        }
        #expect(writer.compactionReport.segmentsCompacted == segments - 1)
        #expect(writer.compactionError == nil)
        await writer.close()
        let rest = try LogCompactor(directory: directory.path).compact()
        #expect(rest.segmentsCompacted == 1 && rest.segmentsUnchanged == segments - 1)
        let read = try Self.readAll(directory.path)
        #expect(read.count == events.count && zip(read, events).allSatisfy { $0.matches($1) })
        #expect(try LogInspector.verify(directory: directory.path).isSound)
    }
}
