package import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls swift-system's `FileDescriptor` does not wrap, in one place: advisory
/// locks, data and directory syncs, the size of an open file, and the directory notifications
/// and readiness waits of ``DirectoryWatcher``.
///
/// Each is a thin, correct call of the C function for the platform the module was built for
/// (Glibc, Musl or Darwin), failing with swift-system's `Errno` like `FileDescriptor` does.
package enum Platform {
    /// `flock(LOCK_EX | LOCK_NB)`: takes the lock, or returns false when another open file
    /// description (in this process or another) holds it.
    package static func tryLockExclusive(_ file: FileDescriptor) throws(Errno) -> Bool {
        while flock(file.rawValue, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK { return false }
            throw Errno(rawValue: code)
        }
        return true
    }

    /// `flock(LOCK_UN)`. Closing the descriptor releases the lock too.
    package static func unlock(_ file: FileDescriptor) {
        _ = flock(file.rawValue, LOCK_UN)
    }

    /// Makes the file's data durable: `fdatasync` on Linux (the size is part of the data it
    /// flushes), `fsync` elsewhere.
    package static func syncData(_ file: FileDescriptor) throws(Errno) {
        #if os(Linux)
        let result = fdatasync(file.rawValue)
        #else
        let result = fsync(file.rawValue)
        #endif
        guard result == 0 else { throw Errno(rawValue: errno) }
    }

    /// Makes a directory's entries (files created, renamed or removed in it) durable.
    package static func syncDirectory(_ path: String) throws(Errno) {
        let directory: FileDescriptor
        do {
            directory = try FileDescriptor.open(FilePath(path), .readOnly, options: [.directory, .closeOnExec])
        } catch {
            throw (error as? Errno) ?? .ioError
        }
        defer { try? directory.close() }
        guard fsync(directory.rawValue) == 0 else { throw Errno(rawValue: errno) }
    }

    /// Renames `source` to `destination`, atomically replacing what was there (`rename`).
    package static func replace(_ destination: String, with source: String) throws(Errno) {
        guard rename(source, destination) == 0 else { throw Errno(rawValue: errno) }
    }

    /// The size of an open file (`fstat`).
    package static func size(of file: FileDescriptor) throws(Errno) -> UInt64 {
        var info = stat()
        guard fstat(file.rawValue, &info) == 0 else { throw Errno(rawValue: errno) }
        return UInt64(info.st_size)
    }

    /// A descriptor that becomes readable when files in `path` are created, modified or moved
    /// in (Linux inotify), or nil where there is no such facility.
    package static func watchDirectory(_ path: String) -> FileDescriptor? {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)
        guard inotify_add_watch(descriptor, path, mask) >= 0 else {
            _ = close(descriptor)
            return nil
        }
        return FileDescriptor(rawValue: descriptor)
        #else
        return nil
        #endif
    }

    /// Blocks until one of `files` is readable (`poll` without a timeout), and says which.
    package static func waitUntilReadable(_ files: [FileDescriptor]) -> [Bool] {
        var entries = files.map { pollfd(fd: $0.rawValue, events: Int16(POLLIN), revents: 0) }
        while poll(&entries, nfds_t(entries.count), -1) < 0, errno == EINTR {}
        return entries.map { $0.revents != 0 }
    }

    /// Reads and drops whatever a non-blocking descriptor holds (the inotify events, which
    /// only say that something changed).
    package static func drain(_ file: FileDescriptor) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while (try? buffer.withUnsafeMutableBytes { try file.read(into: $0) }) ?? 0 > 0 {}
    }

    /// The id of this process, written into lock files for the error message of whoever is refused.
    package static var processID: Int32 { getpid() }
}
