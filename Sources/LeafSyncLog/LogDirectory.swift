import Foundation

/// Names and lists the files of a log directory.
///
/// A log directory holds segment files named by the sequence of their first event
/// (`00000000000000000001.seg`), their sparse index files (`….idx`), the writer's lock file
/// (`writer.lock`) and, after a forced repair, a `quarantine/` folder.
public struct LogDirectory: Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    static let segmentExtension = "seg"
    static let indexExtension = "idx"
    public static let lockFileName = "writer.lock"

    static func segmentFileName(base: UInt64) -> String {
        let digits = String(base)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "." + segmentExtension
    }

    static func indexFileName(base: UInt64) -> String {
        String(segmentFileName(base: base).dropLast(segmentExtension.count)) + indexExtension
    }

    func segmentPath(base: UInt64) -> String { path + "/" + Self.segmentFileName(base: base) }
    func indexPath(base: UInt64) -> String { path + "/" + Self.indexFileName(base: base) }
    var lockPath: String { path + "/" + Self.lockFileName }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Base sequences of the segment files, ascending.
    func segmentBases() throws -> [UInt64] {
        guard let dir = opendir(path) else { throw EventLogError.io(operation: "list directory", path: path, errno: errno) }
        defer { closedir(dir) }
        var bases: [UInt64] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.count == 24, name.hasSuffix("." + Self.segmentExtension),
                let base = UInt64(name.prefix(20)), base >= 1
            else { continue }
            bases.append(base)
        }
        return bases.sorted()
    }
}
