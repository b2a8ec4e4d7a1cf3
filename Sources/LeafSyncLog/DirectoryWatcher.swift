import Foundation

/// Wakes readers when files in a directory change, so following a log never polls the disk in
/// a loop. On Linux it uses inotify; elsewhere, and as a safety net, it ticks once a second.
///
/// Waiters compare generations: a reader notes ``generation`` before it finds nothing new, then
/// waits for a later generation, so a change between the two is never missed.
final class DirectoryWatcher: @unchecked Sendable {
    private let core: Core

    init(path: String) {
        core = Core(path: path)
        let core = self.core
        let thread = Thread { core.run() }
        thread.name = "leafsync-log-watcher"
        thread.start()
    }

    deinit { core.stop() }

    var generation: UInt64 { core.currentGeneration() }

    /// Returns once the directory has changed after `generation` (or a safety tick passed),
    /// or at once when the task is cancelled.
    func waitForChange(after generation: UInt64) async {
        await core.wait(after: generation)
    }

    private final class Core: @unchecked Sendable {
        private let lock = NSLock()
        private var generation: UInt64 = 0
        private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        private var nextWaiterID: UInt64 = 0
        private var stopped = false
        private let inotifyDescriptor: Int32
        private var stopPipe: [Int32] = [-1, -1]
        /// Longest sleep without a change notification (the safety net).
        static let tickMilliseconds: Int32 = 1000

        init(path: String) {
            #if os(Linux)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if fd >= 0 {
                let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)
                if inotify_add_watch(fd, path, mask) < 0 { close(fd); inotifyDescriptor = -1 } else { inotifyDescriptor = fd }
            } else {
                inotifyDescriptor = -1
            }
            #else
            inotifyDescriptor = -1
            #endif
            _ = pipe(&stopPipe)
        }

        func currentGeneration() -> UInt64 {
            lock.lock()
            defer { lock.unlock() }
            return generation
        }

        func wait(after seen: UInt64) async {
            let id: UInt64 = lock.withLock {
                nextWaiterID += 1
                return nextWaiterID
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    lock.lock()
                    if generation > seen || stopped || Task.isCancelled {
                        lock.unlock()
                        continuation.resume()
                        return
                    }
                    waiters[id] = continuation
                    lock.unlock()
                }
            } onCancel: {
                let continuation = lock.withLock { waiters.removeValue(forKey: id) }
                continuation?.resume()
            }
        }

        private func bump() {
            let ready: [CheckedContinuation<Void, Never>] = lock.withLock {
                generation += 1
                defer { waiters = [:] }
                return Array(waiters.values)
            }
            ready.forEach { $0.resume() }
        }

        func run() {
            var fds = [pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
            if inotifyDescriptor >= 0 { fds.append(pollfd(fd: inotifyDescriptor, events: Int16(POLLIN), revents: 0)) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = poll(&fds, nfds_t(fds.count), Self.tickMilliseconds)
                if n < 0, errno == EINTR { continue }
                if fds[0].revents != 0 { break }
                if fds.count > 1, fds[1].revents != 0 {
                    while read(inotifyDescriptor, &buffer, buffer.count) > 0 {}
                }
                bump()
            }
            let rest: [CheckedContinuation<Void, Never>] = lock.withLock {
                stopped = true
                defer { waiters = [:] }
                return Array(waiters.values)
            }
            rest.forEach { $0.resume() }
            if inotifyDescriptor >= 0 { close(inotifyDescriptor) }
            close(stopPipe[0])
            close(stopPipe[1])
        }

        func stop() {
            var byte: UInt8 = 1
            _ = write(stopPipe[1], &byte, 1)
        }
    }
}

/// The events of a log as an `AsyncSequence`: up to the current end, or (following) forever.
public struct EventSequence: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let reader: EventLogReader
    let start: UInt64
    let follow: Bool

    public func makeAsyncIterator() -> Iterator {
        Iterator(state: IteratorState(reader: reader, start: start, follow: follow))
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
        private var cursor: EventCursor?
        private var watcher: DirectoryWatcher?

        init(reader: EventLogReader, start: UInt64, follow: Bool) {
            self.reader = reader
            self.start = start
            self.follow = follow
        }

        func next() async throws -> RecordedEvent? {
            if follow, watcher == nil { watcher = DirectoryWatcher(path: reader.directory.path) }
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
