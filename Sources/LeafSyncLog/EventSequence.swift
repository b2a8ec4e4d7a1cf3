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

        init(reader: EventLogReader, start: UInt64, follow: Bool, clock: any Clock<Duration>) {
            self.reader = reader
            self.start = start
            self.follow = follow
            self.clock = clock
        }

        func next() async throws -> RecordedEvent? {
            if follow, watcher == nil { watcher = DirectoryWatcher(path: reader.directory.path, clock: clock) }
            if cursor == nil { cursor = try reader.cursor(from: start) }
            while !Task.isCancelled {
                let seen = watcher?.generation ?? 0
                if let event = try cursor!.next() { return event }
                guard follow, let watcher else { return nil }
                await watcher.waitForChange(after: seen)
            }
            return nil
        }
    }
}
