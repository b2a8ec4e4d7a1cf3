import Foundation
import GRDB
import LeafSyncLog
import LeafSyncProjections

/// Reads a tenant's projector checkpoint from the outside, as another process sees it, and
/// waits for it without sleeping: between reads it waits for the tenant directory to change
/// (each commit writes the database's WAL), bounded by a deadline.
struct CheckpointPoller {
    let tenant: TenantDirectory

    /// The committed checkpoint, or nil while there is no readable database.
    func checkpoint() async -> Int? {
        guard FileManager.default.fileExists(atPath: tenant.projectionPath),
            let queue = try? DatabaseQueue(path: tenant.projectionPath, configuration: Self.readOnly)
        else { return nil }
        defer { try? queue.close() }
        return try? await queue.read { try Int.fetchOne($0, sql: "SELECT last_sequence FROM projector_checkpoint") }
    }

    /// Waits until the checkpoint satisfies `done` (returning it), `running` turns false, or
    /// `timeout` passes (returning the last value read).
    func wait(
        timeout: Duration = .seconds(120), while running: () -> Bool = { true }, until done: (Int) -> Bool
    ) async -> Int? {
        let watcher = LogWatcher(directory: tenant.path)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last: Int?
        while clock.now < deadline, running() {
            let seen = watcher.generation
            last = await checkpoint()
            if let last, done(last) { return last }
            await watcher.waitForChange(after: seen)
        }
        return last
    }

    private static let readOnly: Configuration = {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return configuration
    }()
}
