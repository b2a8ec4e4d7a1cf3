import Foundation

/// The files of one tenant (one connected company): its event log and its projection database.
///
/// ```
/// DIR/log/                  the event log (LeafSyncLog)
/// DIR/projections.sqlite    read models, rebuilt from the log only
/// ```
public struct TenantDirectory: Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    public var logPath: String { path + "/log" }
    public var projectionPath: String { path + "/projections.sqlite" }
    /// Where a rebuild writes before it swaps the result in.
    var rebuildPath: String { path + "/projections.rebuild.sqlite" }

    /// Fails with a message that says what is missing.
    public func requireLog() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: logPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProjectionError.noLog(tenant: path)
        }
    }
}
