import Foundation
import LeafSyncLog
import LeafSyncTestSupport

/// Test events with recognisable content.
enum Fixtures {
    static func event(_ n: Int, size: Int = 40) -> NewEvent {
        let filler = String(repeating: "x", count: size)
        return NewEvent(
            type: "test.event", schemaVersion: UInt16(n % 3 + 1), source: n % 2 == 0 ? "leaflink" : "distru",
            subject: "subject:\(n % 17)", recordedAt: Timestamp(microseconds: 1_795_000_000_000_000 + Int64(n)),
            causationID: n % 5 == 0 ? UInt64(n) : nil, correlationID: n % 7 == 0 ? "cycle-\(n / 7)" : nil,
            payload: Array("{\"n\":\(n),\"filler\":\"\(filler)\"}".utf8)
        )
    }

    /// Writes `count` events in appends of `perAppend`, returning what was appended.
    @discardableResult
    static func writeLog(
        at path: String, count: Int, perAppend: Int = 100, options: EventLogOptions = EventLogOptions(durability: .none)
    ) async throws -> [NewEvent] {
        let writer = try EventLogWriter(directory: path, options: options)
        var written: [NewEvent] = []
        var n = 0
        while n < count {
            let batch = (n..<min(n + perAppend, count)).map { event($0) }
            try await writer.append(batch)
            written += batch
            n += batch.count
        }
        await writer.close()
        return written
    }

    static func segmentFiles(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".seg") }.sorted()
    }
}

extension RecordedEvent {
    /// Whether this stored event is exactly `event` as appended.
    func matches(_ event: NewEvent) -> Bool {
        type == event.type && schemaVersion == event.schemaVersion && source == event.source && subject == event.subject
            && recordedAt == event.recordedAt && causationID == event.causationID && correlationID == event.correlationID
            && payload.bytes == event.payload
    }
}
