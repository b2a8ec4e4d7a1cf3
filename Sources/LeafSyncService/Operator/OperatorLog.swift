import Foundation
import LeafSyncDomain
public import LeafSyncLog

/// A tenant's log opened for operator commands in direct mode (no service running): it holds the
/// log's writer lock, folds the log for the desk's state, and appends operator events durably.
///
/// The fold reads only what was appended since the last call, on a thread of its own, one call
/// at a time; so an action sees the events it recorded.
public final class OperatorLog: Sendable {
    /// The desk over this log.
    public let desk: OperatorDesk
    private let writer: EventLogWriter

    /// Opens the log in `directory` (created if missing); throws when another process holds its
    /// writer lock (stop the service, or use the admin API while it runs).
    public init(directory: String) throws {
        let writer = try EventLogWriter(directory: directory, options: EventLogOptions(durability: .group))
        let fold = Fold(cursor: try EventLogReader(directory: directory).cursor(from: 1))
        self.writer = writer
        desk = OperatorDesk(
            state: { try await fold.current() },
            record: { actions in try await writer.append(try actions.map { try EventFactory.operatorAction($0) }) })
    }

    /// A note about what the writer repaired when it opened the log, if anything.
    public var recovery: String? { writer.recovery.map { "\($0)" } }

    /// Releases the writer lock.
    public func close() async { await writer.close() }

    /// The reducer's state, caught up with the log on each call.
    private final class Fold: @unchecked Sendable {
        private let lock = NSLock()
        private let cursor: EventCursor
        private var state = SyncState()

        init(cursor: EventCursor) { self.cursor = cursor }

        func current() async throws -> SyncState {
            try await onOwnThread(named: "leafsync.operator.fold") { [self] in
                try lock.withLock {
                    while let event = try cursor.next() { _ = reduce(into: &state, recorded: event) }
                    return state
                }
            }
        }
    }
}
