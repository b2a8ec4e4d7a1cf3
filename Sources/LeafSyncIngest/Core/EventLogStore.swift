public import Foundation
public import LeafSyncLog

/// The event log as an ``IngestEventStore``: appends through the log's single writer, replays
/// with a reader over the same directory.
public struct EventLogStore: IngestEventStore {
    public let writer: EventLogWriter
    public let directory: URL

    public init(writer: EventLogWriter, directory: URL) {
        self.writer = writer
        self.directory = directory
    }

    public func append(_ events: [NewEvent]) async throws -> ClosedRange<UInt64> {
        try await writer.append(events)
    }

    public func replay(_ body: (RecordedEvent) throws -> Void) async throws {
        let cursor = try EventLogReader(directory: directory).cursor(from: 1)
        while let event = try cursor.next() { try body(event) }
    }
}
