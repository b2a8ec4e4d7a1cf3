import Foundation
public import LeafSyncLog

/// Where the LeafLink and Distru fetchers put what they observe: the event log, or a stand-in
/// in tests.
public protocol IngestEventStore: Sendable {
    /// Appends events in order (never called with an empty array).
    func append(_ events: [NewEvent]) async throws -> ClosedRange<UInt64>
    /// Hands every event already stored to `body`, oldest first, so the fetcher can rebuild
    /// what it last saw.
    func replay(_ body: (RecordedEvent) throws -> Void) async throws
}
