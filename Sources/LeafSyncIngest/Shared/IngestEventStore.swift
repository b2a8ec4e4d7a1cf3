import Foundation
import LeafSyncLog

/// Where the LeafLink and Distru fetchers put what they observe: the event log, or a stand-in
/// in tests.
public protocol IngestEventStore: Sendable {
    /// Appends events in order (never called with an empty array).
    func append(_ events: [NewEvent]) async throws -> ClosedRange<UInt64>
    /// Hands every event already stored to `body`, oldest first, so the fetcher can rebuild
    /// what it last saw.
    func replay(_ body: (RecordedEvent) throws -> Void) async throws
}

/// The name the LeafLink fetcher and its tests use.
public typealias LeafLinkEventStore = IngestEventStore

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
