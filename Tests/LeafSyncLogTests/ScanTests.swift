import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: scans")
struct ScanTests {
    /// 3,000 events in appends of 100: one batch per append, so a scan reads ahead many batches.
    static func makeLog() async throws -> (TemporaryDirectory, [NewEvent]) {
        let directory = TemporaryDirectory()
        let events = try await Fixtures.writeLog(at: directory.path, count: 3_000, perAppend: 100)
        return (directory, events)
    }

    /// Offsets of the batches in a segment file, from their headers.
    static func batchOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        while offset + 36 <= bytes.count {
            offsets.append(offset)
            let stored = (24..<28).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * ($1 - 24)) }
            offset += 36 + stored
        }
        return offsets
    }

    @Test("payloads read from the log index from 0, compare and hash by content, and outlive their cursor")
    func payloads() async throws {
        let (directory, events) = try await Self.makeLog()
        var kept: RecordedEvent?
        do {
            let cursor = try EventLogReader(directory: directory.path).cursor(from: 1)
            while let event = try cursor.next() {
                let appended = events[Int(event.sequence) - 1].payload
                #expect(event.payload.startIndex == 0 && event.payload.endIndex == appended.count)
                #expect(event.payload.first == UInt8(ascii: "{") && event.payload[appended.count - 1] == UInt8(ascii: "}"))
                #expect(event.payload == EventPayload(appended) && event.payload.hashValue == EventPayload(appended).hashValue)
                #expect(event.payload.bytes == appended)
                if event.sequence == 1_234 { kept = event }
            }
        }
        // The cursor and every other event are gone; the kept one still reads its own bytes.
        let event = try #require(kept)
        #expect(event.matches(events[1_233]))
        #expect(event.payload.withUnsafeBytes { Array($0) } == events[1_233].payload)
        #expect(EventPayload([1, 2]) != [1, 2, 3] && EventPayload([]) == [])
        #expect(Set([event.payload, EventPayload(events[1_233].payload)]).count == 1)
    }

    @Test("a scan reading ahead returns every event before a corrupt batch, then fails naming it, and again when asked again")
    func corruptionWhileReadingAhead() async throws {
        let (directory, events) = try await Self.makeLog()
        let segment = directory.sub("00000000000000000001.seg")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        let offsets = Self.batchOffsets(bytes)
        #expect(offsets.count == 30)
        bytes[offsets[20] + 50] ^= 0x04  // inside the 21st batch's body
        try Data(bytes).write(to: URL(fileURLWithPath: segment))

        let cursor = try EventLogReader(directory: directory.path).cursor(from: 1)
        var read = 0
        let expected = EventLogError.corrupted(
            Corruption(
                segment: "00000000000000000001.seg", offset: UInt64(offsets[20]), reason: "batch body checksum mismatch"))
        #expect(throws: expected) {
            while let event = try cursor.next() {
                #expect(event.matches(events[read]))
                read += 1
            }
        }
        #expect(read == 2_000)
        #expect(throws: expected) { _ = try cursor.next() }
    }

    @Test("forEachView after next() visits the events decoded but not yet returned")
    func viewsAfterNext() async throws {
        let (directory, _) = try await Self.makeLog()
        let cursor = try EventLogReader(directory: directory.path).cursor(from: 1)
        for _ in 0..<250 { _ = try cursor.next() }  // into the third batch, with more read ahead
        var sequences: [UInt64] = []
        let visited = try cursor.forEachView { sequences.append($0.sequence) }
        #expect(visited == 2_750)
        #expect(sequences == Array(251...3_000))
        #expect(try cursor.next() == nil)
    }

    @Test("types and sources that differ only in a few middle bytes read back exactly")
    func similarStrings() async throws {
        let directory = TemporaryDirectory()
        let middles = ["a", "b", "c"]
        let shapes = [
            "", "x", "s.\u{1F33F}.", "type.12345.6", "type.0123456789.\u{00E9}.observed", "t.0123456789abcdef.x.0123456789abcdef.observed",
        ]
        let events = (0..<600).map { n in
            let shape = shapes[n % shapes.count], middle = middles[n / shapes.count % middles.count]
            let mid = shape.index(shape.startIndex, offsetBy: shape.count / 2)
            let type = shape.isEmpty ? middle : shape[..<mid] + middle + shape[mid...]
            return NewEvent(type: String(type), source: String(type.reversed()), subject: "s:\(n)", payload: Array("\(n)".utf8))
        }
        let writer = try EventLogWriter(directory: directory.path, options: EventLogOptions(durability: .none))
        for chunk in stride(from: 0, to: events.count, by: 50) { try await writer.append(Array(events[chunk..<(chunk + 50)])) }
        await writer.close()
        let read = try EventLogReader(directory: directory.path).readAll()
        #expect(read.map(\.type) == events.map(\.type))
        #expect(read.map(\.source) == events.map(\.source))
        #expect(Set(read.map(\.type)).count == (shapes.count * middles.count))
    }
}
