import Foundation

/// How a dedicated thread (the log writer's, a read-ahead job's waiter) sleeps until another
/// thread has work for it: ``signal()`` wakes it, or makes its next ``wait()`` return at once.
///
/// The state the threads share lives in a `Synchronization.Mutex`; this type only parks and
/// unparks, and it is the one place that needs a condition variable (which `Mutex` does not
/// offer). A signal is remembered until a wait consumes it, so the usual pattern never misses a
/// wake-up:
///
/// ```swift
/// while true {
///     guard let work = shared.withLock({ $0.takeWork() }) else { wake.wait(); continue }
///     …
/// }
/// // elsewhere: shared.withLock { $0.add(work) }; wake.signal()
/// ```
///
/// Never call ``wait()`` from an `async` function: it blocks the thread.
package final class WakeSignal: @unchecked Sendable {
    // `condition` guards `signalled`; nothing else.
    private let condition = NSCondition()
    private var signalled = false

    package init() {}

    /// Wakes the waiting thread, or the next one to wait.
    package func signal() {
        condition.lock()
        signalled = true
        condition.signal()
        condition.unlock()
    }

    /// Blocks until signalled (returning at once if a signal came since the last wait).
    package func wait() {
        condition.lock()
        while !signalled { condition.wait() }
        signalled = false
        condition.unlock()
    }
}
