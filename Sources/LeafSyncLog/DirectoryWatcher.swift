import Foundation
import Synchronization
import SystemPackage

/// Wakes readers when files in a directory change, so following a log never polls the disk in
/// a loop. On Linux a thread waits for inotify events; everywhere, as a safety net, a tick on
/// the injected clock counts as a change once a ``tick`` has passed.
///
/// Waiters compare generations: a reader notes ``generation`` before it finds nothing new, then
/// waits for a later generation, so a change between the two is never missed.
final class DirectoryWatcher: Sendable {
    /// Longest wait without a change notification (the safety net).
    static let tick = Duration.seconds(1)

    private let core: Core
    private let ticker: Task<Void, Never>

    /// Watches `path`; `clock` times the safety tick (a test passes a clock it advances itself).
    init(path: String, clock: any Clock<Duration>) {
        let core = Core(notifications: Platform.watchDirectory(path))
        self.core = core
        ticker = Task.detached { [core] in
            while !Task.isCancelled {
                do { try await clock.sleep(for: Self.tick) } catch { return }
                core.bump()
            }
        }
        if core.notifications != nil {
            let thread = Thread { core.run() }
            thread.name = "leafsync-log-watcher"
            thread.start()
        }
    }

    deinit {
        ticker.cancel()
        core.stop()
    }

    var generation: UInt64 { core.shared.withLock { $0.generation } }

    /// Returns once the directory has changed after `generation` (or a safety tick passed),
    /// or at once when the task is cancelled.
    func waitForChange(after generation: UInt64) async {
        await core.wait(after: generation)
    }

    private final class Core: Sendable {
        struct Shared {
            var generation: UInt64 = 0
            var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
            var nextWaiterID: UInt64 = 0
            var stopped = false
        }

        let shared = Mutex(Shared())
        /// Readable when the directory changed (nil without inotify: then only the tick wakes waiters).
        let notifications: FileDescriptor?
        /// Written to by ``stop()`` to end the notification thread.
        private let stopPipe: (readEnd: FileDescriptor, writeEnd: FileDescriptor)?

        init(notifications: FileDescriptor?) {
            self.notifications = notifications
            stopPipe = notifications == nil ? nil : try? FileDescriptor.pipe()
        }

        func wait(after seen: UInt64) async {
            let id = shared.withLock { shared in
                shared.nextWaiterID += 1
                return shared.nextWaiterID
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = shared.withLock { shared in
                        if shared.generation > seen || shared.stopped || Task.isCancelled { return true }
                        shared.waiters[id] = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                shared.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
        }

        /// A change (or a tick): wakes every waiter.
        func bump() {
            let ready = shared.withLock { shared in
                shared.generation += 1
                defer { shared.waiters = [:] }
                return Array(shared.waiters.values)
            }
            ready.forEach { $0.resume() }
        }

        /// The notification thread: a bump per burst of inotify events, until ``stop()``.
        func run() {
            guard let notifications, let stopPipe else { return }
            while true {
                let readable = Platform.waitUntilReadable([stopPipe.readEnd, notifications])
                if readable[0] { break }
                Platform.drain(notifications)
                bump()
            }
            try? notifications.close()
            try? stopPipe.readEnd.close()
            try? stopPipe.writeEnd.close()
        }

        func stop() {
            let rest = shared.withLock { shared in
                shared.stopped = true
                defer { shared.waiters = [:] }
                return Array(shared.waiters.values)
            }
            rest.forEach { $0.resume() }
            if let stopPipe {
                _ = try? stopPipe.writeEnd.writeAll([1])
            } else {
                try? notifications?.close()
            }
        }
    }
}
