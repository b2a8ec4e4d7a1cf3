import Foundation

/// Runs `body` on a new thread named `name` and awaits its result, so blocking work (log reads,
/// SQLite commits, fsyncs) never occupies a thread of Swift's cooperative pool.
///
/// The awaiting task is suspended, not blocked. Cancelling it does not interrupt `body`; code
/// that must stop early watches a flag of its own (the projector's `StopRequest`). Calls made
/// one after another may share non-Sendable state: each thread starts after the previous call's
/// result was delivered, and that hand-over orders their memory accesses.
package func onOwnThread<T: Sendable>(named name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result(catching: body)) }
        thread.name = name
        thread.start()
    }
}
