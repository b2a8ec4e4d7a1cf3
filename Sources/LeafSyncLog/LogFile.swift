import SystemPackage

/// One open file of the log (a segment, an index, a compaction's output) with the positional
/// operations the log needs, each failing with an ``EventLogError/io(operation:path:errno:)``
/// that names the operation and the path.
///
/// It is swift-system's `FileDescriptor`, closed when the last reference goes. Reads and writes
/// are `pread`/`pwrite` at absolute offsets, so one file can be read by several threads at once
/// (the read-ahead workers) and nothing depends on the descriptor's current offset.
final class LogFile: Sendable {
    let path: String
    let descriptor: FileDescriptor

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { try? descriptor.close() }

    static func openForReading(_ path: String) throws(EventLogError) -> LogFile {
        try open(path, .readOnly, options: [.closeOnExec])
    }

    static func openForWriting(_ path: String, create: Bool) throws(EventLogError) -> LogFile {
        try open(path, .readWrite, options: create ? [.closeOnExec, .create] : [.closeOnExec])
    }

    /// Creates a new file, failing if one already exists at `path`.
    static func createExclusive(_ path: String) throws(EventLogError) -> LogFile {
        try open(path, .readWrite, options: [.closeOnExec, .create, .exclusiveCreate])
    }

    private static func open(
        _ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions
    ) throws(EventLogError) -> LogFile {
        let descriptor = try EventLogError.io("open", path) {
            try FileDescriptor.open(FilePath(path), mode, options: options, permissions: FilePermissions(rawValue: 0o644))
        }
        return LogFile(path: path, descriptor: descriptor)
    }

    func size() throws(EventLogError) -> UInt64 {
        try EventLogError.io("fstat", path) { try Platform.size(of: descriptor) }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: UInt64) throws(EventLogError) -> [UInt8] {
        guard count > 0 else { return [] }
        return try EventLogError.io("read", path) {
            try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = try self.read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            }
        }
    }

    /// Fills `buffer` from `offset`, returning how many bytes were read (short only at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventLogError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = try EventLogError.io("read", path) {
                try descriptor.read(
                    fromAbsoluteOffset: Int64(offset) + Int64(done), into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(EventLogError) {
        guard !bytes.isEmpty else { return }
        _ = try EventLogError.io("write", path) {
            try descriptor.writeAll(toAbsoluteOffset: Int64(offset), bytes.assumingMemoryBound(to: UInt8.self))
        }
    }

    func write(_ bytes: [UInt8], at offset: UInt64) throws(EventLogError) {
        guard !bytes.isEmpty else { return }
        _ = try EventLogError.io("write", path) { try descriptor.writeAll(toAbsoluteOffset: Int64(offset), bytes) }
    }

    /// Makes what was written durable (``Platform/syncData(_:)``).
    func sync() throws(EventLogError) {
        try EventLogError.io("fsync", path) { try Platform.syncData(descriptor) }
    }

    func truncate(to length: UInt64) throws(EventLogError) {
        try EventLogError.io("truncate", path) { try descriptor.resize(to: Int64(length)) }
    }

    /// Flushes a directory entry (a created or renamed file) to disk.
    static func syncDirectory(_ path: String) throws(EventLogError) {
        try EventLogError.io("fsync directory", path) { try Platform.syncDirectory(path) }
    }
}

extension EventLogError {
    /// Runs a `FileDescriptor` (or ``Platform``) call, turning its `Errno` into an
    /// ``EventLogError/io(operation:path:errno:)`` that names the operation and the file.
    static func io<T>(_ operation: String, _ path: String, _ body: () throws -> T) throws(EventLogError) -> T {
        do {
            return try body()
        } catch let error as EventLogError {
            throw error
        } catch let error as Errno {
            throw .io(operation: operation, path: path, errno: error.rawValue)
        } catch {
            throw .io(operation: operation, path: path, errno: Errno.ioError.rawValue)
        }
    }
}
