/// The events of a log as an `AsyncSequence`: up to the current end, or (following) forever.
public struct EventSequence: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let reader: EventLogReader
    let start: UInt64
    let follow: Bool
    /// Times the directory watcher's safety tick when following.
    let clock: any Clock<Duration>

    public func makeAsyncIterator() -> Iterator {
        Iterator(state: IteratorState(reader: reader, start: start, follow: follow, clock: clock))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let state: IteratorState

        public mutating func next() async throws -> RecordedEvent? {
            try await state.next()
        }
    }

    /// Reference state so the iterator can be copied freely (AsyncSequence iterators often are).
    public final class IteratorState: @unchecked Sendable {
        private let reader: EventLogReader
        private let start: UInt64
        private let follow: Bool
        private let clock: any Clock<Duration>
        private var cursor: EventCursor?
        private var watcher: DirectoryWatcher?
        /// Events read ahead of the caller, handed out from `position`.
        private var buffered: [RecordedEvent] = []
        private var position = 0
        /// At most this many events are read per trip to the reading thread.
        static let chunkSize = 1_024

        init(reader: EventLogReader, start: UInt64, follow: Bool, clock: any Clock<Duration>) {
            self.reader = reader
            self.start = start
            self.follow = follow
            self.clock = clock
        }

        /// The next event. The log is read in chunks on a thread of the reader's own
        /// (`onOwnThread`), so its blocking reads never hold a cooperative thread.
        func next() async throws -> RecordedEvent? {
            if follow, watcher == nil { watcher = DirectoryWatcher(path: reader.directory.path, clock: clock) }
            while !Task.isCancelled {
                if position < buffered.count {
                    defer { position += 1 }
                    return buffered[position]
                }
                let seen = watcher?.generation ?? 0
                buffered = try await onOwnThread(named: "leafsync-log-reader") { [self] in try readChunk() }
                position = 0
                if !buffered.isEmpty { continue }
                guard follow, let watcher else { return nil }
                await watcher.waitForChange(after: seen)
            }
            return nil
        }

        /// Up to ``chunkSize`` events, fewer at the current end of the log (on the reading thread).
        private func readChunk() throws -> [RecordedEvent] {
            if cursor == nil { cursor = try reader.cursor(from: start) }
            var chunk: [RecordedEvent] = []
            while chunk.count < Self.chunkSize, let event = try cursor!.next() { chunk.append(event) }
            return chunk
        }
    }
}
