import Foundation
import LeafSyncLog

/// Where the LeafLink fetcher puts what it observes: the event log, or a stand-in in tests.
public protocol LeafLinkEventStore: Sendable {
    /// Appends events in order (never called with an empty array).
    func append(_ events: [NewEvent]) async throws -> ClosedRange<UInt64>
    /// Hands every event already stored to `body`, oldest first, so the fetcher can rebuild
    /// what it last saw.
    func replay(_ body: (RecordedEvent) throws -> Void) async throws
}

/// The event log as a ``LeafLinkEventStore``: appends through the log's single writer, replays
/// with a reader over the same directory.
public struct EventLogStore: LeafLinkEventStore {
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
