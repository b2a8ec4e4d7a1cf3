// Test helpers shared by the API and ingestion test targets (LeafLink and Distru).
import AsyncHTTPClient
import Foundation
import LeafSyncIngest
import LeafSyncLog
import NIOCore
import NIOHTTP1
import Synchronization

/// An in-memory event store standing in for the log.
public final class MemoryEventStore: IngestEventStore {
    public init() {}

    private let state = Mutex<[RecordedEvent]>([])

    public var events: [RecordedEvent] { state.withLock { $0 } }

    public func append(_ new: [NewEvent]) async throws -> ClosedRange<UInt64> {
        state.withLock { events in
            let first = UInt64(events.count + 1)
            for e in new {
                events.append(RecordedEvent(
                    sequence: UInt64(events.count + 1), recordedAt: .now(), type: e.type, schemaVersion: e.schemaVersion,
                    source: e.source, subject: e.subject, causationID: e.causationID, correlationID: e.correlationID, payload: EventPayload(e.payload)))
            }
            return first...UInt64(events.count)
        }
    }

    public func replay(_ body: (RecordedEvent) throws -> Void) async throws {
        for e in events { try body(e) }
    }

    public func ofType(_ type: String) -> [RecordedEvent] { events.filter { $0.type == type } }
}

/// Polls `condition` until it holds or `seconds` pass.
public func eventually(_ seconds: Double = 5, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// A raw HTTP call (for checking what the simulator answers to a misbehaving client).
public func rawRequest(
    _ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = [], body: [UInt8]? = nil
) async throws -> (status: Int, body: [UInt8]) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (k, v) in headers { request.headers.add(name: k, value: v) }
    if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), Array(bytes.readableBytesView))
}

/// Runs `body` with a started server (a simulator), stopping it afterwards whether `body` throws
/// or not.
public func withStarted<Server, T>(
    _ start: () async throws -> Server, stop: (Server) async -> Void, _ body: (Server) async throws -> T
) async throws -> T {
    let server = try await start()
    do {
        let result = try await body(server)
        await stop(server)
        return result
    } catch {
        await stop(server)
        throw error
    }
}
