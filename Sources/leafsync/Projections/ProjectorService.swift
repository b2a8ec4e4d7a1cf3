import LeafSyncProjections
import ServiceLifecycle
import Synchronization

/// `leafsync project` as a swift-service-lifecycle service: the projector runs until it has
/// caught up (or, following, until a graceful shutdown cancels it after its current batch).
final class ProjectorService: Service, Sendable {
    /// What the run ended with.
    struct Outcome: Sendable {
        var committed: UInt64
        /// Stopped by a shutdown signal rather than by reaching the end of the log.
        var stopped: Bool
    }

    private let projector: ProjectorBox
    private let follow: Bool
    private let rebuild: Bool
    private let display: ProgressDisplay
    private let result = Mutex<Result<Outcome, any Error>?>(nil)

    init(projector: Projector, follow: Bool, rebuild: Bool, display: ProgressDisplay) {
        self.projector = ProjectorBox(projector)
        self.follow = follow
        self.rebuild = rebuild
        self.display = display
    }

    func run() async throws {
        do {
            let outcome = try await cancelWhenGracefulShutdown {
                let committed = try await self.projector.projector.run(follow: self.follow, rebuild: self.rebuild) { self.display.show($0) }
                return Outcome(committed: committed, stopped: Task.isCancelled)
            }
            result.withLock { $0 = .success(outcome) }
        } catch {
            result.withLock { $0 = .failure(error) }
            throw error
        }
    }

    /// The run's outcome, or its error (nil if it never ran); read after the service group has returned.
    func outcome() throws -> Outcome? {
        try result.withLock { $0 }?.get()
    }

    /// The projector is used by one task at a time: the service's run.
    private final class ProjectorBox: @unchecked Sendable {
        let projector: Projector
        init(_ projector: Projector) { self.projector = projector }
    }
}
