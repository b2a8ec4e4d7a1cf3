import Synchronization

/// Asks a projector's thread to stop after the batch it is applying: set by the task's
/// cancellation handler, read between batches (where `Task.isCancelled` would not see the
/// task, the thread being the projector's own).
final class StopRequest: Sendable {
    private let requested = Mutex(false)

    func request() { requested.withLock { $0 = true } }

    var isRequested: Bool { requested.withLock { $0 } }
}
