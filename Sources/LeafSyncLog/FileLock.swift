package import SystemPackage

/// An exclusive `flock` on a lock file: what makes one process the only writer of a log
/// (``WriterLock``) or the only projector of a tenant.
///
/// `flock` locks belong to the open file description, so a second holder is refused whether it
/// is in another process or in this one, and the lock dies with the process: a crash never
/// leaves a stale lock behind. The holder's pid is written into the file, for the error message
/// of whoever is refused. The lock is released by ``release()`` or when the value goes away.
package final class FileLock: Sendable {
    package let path: String
    private let descriptor: FileDescriptor

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Why a lock was not taken.
    package enum Failure: Error {
        /// Another open file description holds it; `holderPID` is what the holder wrote, if readable.
        case held(holderPID: Int32?)
        /// A system call failed.
        case system(operation: String, errno: Errno)
    }

    /// Opens (creating it if needed) and locks `path` without waiting.
    package static func acquire(_ path: String) throws(Failure) -> FileLock {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(path), .readWrite, options: [.create, .closeOnExec], permissions: FilePermissions(rawValue: 0o644))
        } catch {
            throw .system(operation: "open lock file", errno: (error as? Errno) ?? .ioError)
        }
        let locked: Bool
        do {
            locked = try Platform.tryLockExclusive(descriptor)
        } catch {
            try? descriptor.close()
            throw .system(operation: "lock", errno: error)
        }
        guard locked else {
            defer { try? descriptor.close() }
            throw .held(holderPID: holderPID(in: descriptor))
        }
        _ = try? descriptor.resize(to: 0)
        _ = try? descriptor.writeAll(toAbsoluteOffset: 0, Array("\(Platform.processID)\n".utf8))
        return FileLock(path: path, descriptor: descriptor)
    }

    private static func holderPID(in descriptor: FileDescriptor) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        guard let n = try? buffer.withUnsafeMutableBytes({ try descriptor.read(fromAbsoluteOffset: 0, into: $0) }), n > 0 else {
            return nil
        }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).filter { !$0.isWhitespace })
    }

    /// Unlocks and closes the file. Called once; later calls do nothing harmful but must not happen.
    package func release() {
        Platform.unlock(descriptor)
        try? descriptor.close()
    }
}
