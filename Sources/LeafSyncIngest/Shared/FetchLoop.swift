import Logging

/// The loop both fetchers run: a cycle every `interval` until the task is cancelled. A failed
/// cycle is logged and the next one tries again (a failed resource's cursor has not moved).
enum FetchLoop {
    /// Runs on the caller's actor (`isolation`), so `cycle` may use the fetcher's state.
    static func run(
        every interval: Duration, logger: Logger, system: String,
        isolation: isolated (any Actor)? = #isolation, cycle: () async throws -> Void
    ) async {
        while !Task.isCancelled {
            do {
                try await cycle()
            } catch is CancellationError {
                return
            } catch {
                logger.error("\(system) fetch cycle failed: \(error)")
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
