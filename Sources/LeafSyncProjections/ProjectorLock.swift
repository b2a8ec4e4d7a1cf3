import LeafSyncLog

/// One projector per tenant: a `FileLock` on `projector.lock` beside the database, released
/// by ``release()``.
struct ProjectorLock: Sendable {
    private let lock: FileLock

    init(tenant: TenantDirectory) throws(ProjectionError) {
        let path = tenant.path + "/projector.lock"
        do {
            lock = try FileLock.acquire(path)
        } catch {
            switch error {
            case .held:
                throw .alreadyRunning(lockFile: path)
            case let .system(operation, code):
                throw .lockFailed(path: path, reason: "\(operation): \(code)")
            }
        }
    }

    func release() { lock.release() }
}
