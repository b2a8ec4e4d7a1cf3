public import Foundation
import LeafSyncLog
import NIOPosix
import SystemPackage

/// Delivers a message by writing it to `<directory>/<fileSafeID>.eml` (RFC 5322 text), for an
/// operator, a mail client or a local MTA's pickup to take from there. This is the default
/// delivery: it needs no network and no secret.
///
/// The file appears complete or not at all: the message is written to a hidden temporary file
/// beside it (`.<name>.<uuid>.tmp`), synced, hard-linked to its final name (which fails if
/// that name exists, so a file once written is never replaced), and the directory synced. A
/// second delivery of the same ``MailMessage/id`` finds the file and does nothing, so a
/// dispatcher that crashed before recording the first one sends no duplicate. A crash in
/// between can leave a `.tmp` file behind; no reader of `*.eml` sees it.
///
/// The file work runs on NIO's blocking-I/O thread pool, never on a Swift concurrency thread.
public struct OutboxDelivery: MailDelivery {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// Where `message` is (or will be) written.
    public func fileURL(for message: MailMessage) -> URL {
        directory.appendingPathComponent(message.fileSafeID + ".eml")
    }

    public func deliver(_ message: MailMessage) async throws {
        let destination = fileURL(for: message).path
        if let problem = message.problem() {
            throw MailError(stage: .message, target: destination, detail: problem, isRetryable: false)
        }
        let text = message.rfc5322()
        let directory = self.directory.path
        try await NIOThreadPool.singleton.runIfActive {
            try Self.write(Array(text.utf8), to: destination, in: directory)
        }
    }

    /// Creates `destination` with `bytes` unless it exists (see the type's documentation).
    static func write(_ bytes: [UInt8], to destination: String, in directory: String) throws(MailError) {
        func failure(_ step: String, _ path: String, _ error: any Error) -> MailError {
            let code = (error as? Errno) ?? .ioError
            let permanent: Set<Errno> = [
                .permissionDenied, .notPermitted, .readOnlyFileSystem, .fileNameTooLong, .notDirectory, .isDirectory,
            ]
            return MailError(
                stage: .outbox, target: destination, detail: "\(step) \(path): \(code)", isRetryable: !permanent.contains(code))
        }
        do { try makeDirectories(directory) } catch { throw failure("creating the outbox directory", directory, error) }
        if FileManager.default.fileExists(atPath: destination) { return }

        let name = URL(fileURLWithPath: destination).lastPathComponent
        let temporary = directory + "/.\(name).\(UUID().uuidString).tmp"
        do {
            let file = try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
            try file.closeAfter {
                _ = try file.writeAll(bytes)
                try Platform.syncData(file)
            }
        } catch {
            _ = unlink(temporary)
            throw failure("writing", temporary, error)
        }
        defer { _ = unlink(temporary) }
        if link(temporary, destination) != 0 {
            let code = Errno(rawValue: errno)
            if code == .fileExists { return }  // another delivery of the same id won the race
            throw failure("linking", destination, code)
        }
        do { try Platform.syncDirectory(directory) } catch { throw failure("syncing the directory", directory, error) }
    }

    /// `mkdir -p`: creates `path` and any missing parent, failing with the `errno` that says why
    /// (an existing path that is not a directory fails later, when the file is opened in it).
    static func makeDirectories(_ path: String) throws(Errno) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw Errno(rawValue: errno) }
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path else { throw Errno.noSuchFileOrDirectory }
        try makeDirectories(parent)
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw Errno(rawValue: errno) }
    }
}
