import Foundation

/// One projector per tenant: an `flock` on `projector.lock` beside the database.
final class ProjectorLock {
    private let descriptor: Int32

    init(tenant: TenantDirectory) throws {
        let path = tenant.path + "/projector.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProjectorError.lockFailed(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ProjectorError.alreadyRunning(lockFile: path)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why a projector could not run.
public enum ProjectorError: Error, CustomStringConvertible {
    case alreadyRunning(lockFile: String)
    case lockFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .alreadyRunning(lockFile):
            return "another projector is already running for this tenant (it holds \(lockFile)); stop it first, or just read its database"
        case let .lockFailed(path, reason):
            return "cannot open the projector lock \(path): \(reason)"
        }
    }
}
