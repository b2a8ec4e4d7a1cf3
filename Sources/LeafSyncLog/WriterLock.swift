import Foundation

/// The OS lock that makes one process (and one writer in it) the log's only writer.
///
/// `flock` locks belong to the open file description, so a second writer is refused whether it
/// is in another process or in this one, and the lock dies with the process: a crashed writer
/// never leaves a stale lock behind. The holder's pid is written into the file for the error
/// message of whoever is refused.
final class WriterLock: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    init(directory: LogDirectory) throws {
        path = directory.lockPath
        let fd = path.withCString { open($0, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw EventLogError.io(operation: "open lock file", path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            defer { close(fd) }
            if code == EWOULDBLOCK {
                var buffer = [UInt8](repeating: 0, count: 32)
                let n = pread(fd, &buffer, buffer.count, 0)
                let pid = n > 0 ? Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
                throw EventLogError.locked(directory: directory.path, lockFile: path, holderPID: pid)
            }
            throw EventLogError.io(operation: "lock", path: path, errno: code)
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
