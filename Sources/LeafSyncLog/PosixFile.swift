#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file descriptor with the few positional operations the log needs, each failing with
/// an `EventLogError.io` that names the operation and the path.
final class PosixFile: @unchecked Sendable {
    let path: String
    let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    static func openForReading(_ path: String) throws -> PosixFile {
        try open(path, flags: O_RDONLY | O_CLOEXEC)
    }

    static func openForWriting(_ path: String, create: Bool) throws -> PosixFile {
        try open(path, flags: O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0))
    }

    /// Creates a new file, failing if one already exists at `path`.
    static func createExclusive(_ path: String) throws -> PosixFile {
        try open(path, flags: O_RDWR | O_CLOEXEC | O_CREAT | O_EXCL)
    }

    private static func open(_ path: String, flags: Int32) throws -> PosixFile {
        let fd = path.withCString { Glibc.open($0, flags, 0o644) }
        guard fd >= 0 else { throw EventLogError.io(operation: "open", path: path, errno: errno) }
        return PosixFile(path: path, descriptor: fd)
    }

    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw EventLogError.io(operation: "fstat", path: path, errno: errno) }
        return UInt64(info.st_size)
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: UInt64) throws -> [UInt8] {
        guard count > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = try self.read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
        }
    }

    /// Fills `buffer` from `offset`, returning how many bytes were read (short only at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw EventLogError.io(operation: "read", path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw EventLogError.io(operation: "write", path: path, errno: errno)
            }
            done += n
        }
    }

    func write(_ bytes: [UInt8], at offset: UInt64) throws {
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    func sync() throws {
        #if os(Linux)
        let result = fdatasync(descriptor)
        #else
        let result = fsync(descriptor)
        #endif
        guard result == 0 else { throw EventLogError.io(operation: "fsync", path: path, errno: errno) }
    }

    func truncate(to length: UInt64) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw EventLogError.io(operation: "truncate", path: path, errno: errno)
        }
    }

    /// Flushes a directory entry (a created or renamed file) to disk.
    static func syncDirectory(_ path: String) throws {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw EventLogError.io(operation: "open directory", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw EventLogError.io(operation: "fsync directory", path: path, errno: errno) }
    }
}
