import Foundation

/// Runs `body` on a new thread of the projector's own and awaits its result, so blocking work
/// (log reads, SQLite commits, fsyncs) never occupies a thread of Swift's cooperative pool.
///
/// The awaiting task is suspended, not blocked. Cancelling it does not interrupt `body`: the
/// projector's loops watch a ``StopRequest`` instead.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result(catching: body)) }
        thread.name = "leafsync-projector"
        thread.start()
    }
}
