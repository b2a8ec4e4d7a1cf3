import SystemPackage

/// The OS lock that makes one process (and one writer in it) the log's only writer: a
/// ``FileLock`` on the directory's lock file, its failures told as ``EventLogError``s.
struct WriterLock: Sendable {
    let lock: FileLock

    init(directory: LogDirectory) throws(EventLogError) {
        do {
            lock = try FileLock.acquire(directory.lockPath)
        } catch {
            switch error {
            case let .held(pid):
                throw .locked(directory: directory.path, lockFile: directory.lockPath, holderPID: pid)
            case let .system(operation, code):
                throw .io(operation: operation, path: directory.lockPath, errno: code.rawValue)
            }
        }
    }

    func release() { lock.release() }
}
