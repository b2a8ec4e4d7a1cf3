import LeafSyncDomain
import LeafSyncLog

/// The reducer's state folded from the log, kept up to date by reading only what was appended
/// since the last call. Reads happen on a thread of their own (``onOwnThread(named:_:)``), one
/// call after another, so the cursor (not thread-safe) is never used by two threads at once.
final class LogFold: @unchecked Sendable {
    private let cursor: EventCursor
    private(set) var state = SyncState()
    /// The last sequence reduced.
    private(set) var applied: UInt64 = 0

    init(directory: String) throws {
        cursor = try EventLogReader(directory: directory).cursor(from: 1)
        // The dispatcher needs commands and their outcomes, not the explanations.
        state.recordsDecisions = false
    }

    /// Reduces every event appended since the last call; returns how many there were.
    func catchUp() async throws -> Int {
        try await onOwnThread(named: "leafsync.dispatch.fold") { [self] in
            var count = 0
            while let event = try cursor.next() {
                _ = reduce(into: &state, recorded: event)
                applied = event.sequence
                count += 1
            }
            return count
        }
    }
}
