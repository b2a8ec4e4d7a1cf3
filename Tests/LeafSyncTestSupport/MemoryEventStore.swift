public import LeafSyncIngest
public import LeafSyncLog
import Synchronization

/// An in-memory event store standing in for the log (a test double for `EventLogStore`).
public final class MemoryEventStore: IngestEventStore {
    public init() {}

    private let state = Mutex<[RecordedEvent]>([])

    public var events: [RecordedEvent] { state.withLock { $0 } }

    public func append(_ new: [NewEvent]) async throws -> ClosedRange<UInt64> {
        state.withLock { events in
            let first = UInt64(events.count + 1)
            for e in new {
                events.append(
                    RecordedEvent(
                        sequence: UInt64(events.count + 1), recordedAt: .now(), type: e.type, schemaVersion: e.schemaVersion,
                        source: e.source, subject: e.subject, causationID: e.causationID, correlationID: e.correlationID,
                        payload: EventPayload(e.payload)))
            }
            return first...UInt64(events.count)
        }
    }

    public func replay(_ body: (RecordedEvent) throws -> Void) async throws {
        for e in events { try body(e) }
    }

    public func ofType(_ type: String) -> [RecordedEvent] { events.filter { $0.type == type } }
}
