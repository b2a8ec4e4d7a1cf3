import LeafSyncProjections
import ServiceLifecycle

/// The projector following the log as a service: it catches up, then follows until a graceful
/// shutdown, which stops it after its current batch with the checkpoint committed.
struct ProjectorFollower: Service {
    let tenant: TenantDirectory

    func run() async throws {
        let tenant = self.tenant
        do {
            try await cancelWhenGracefulShutdown { _ = try await Projector(tenant: tenant).run(follow: true) }
        } catch is CancellationError {
            return
        }
    }
}
