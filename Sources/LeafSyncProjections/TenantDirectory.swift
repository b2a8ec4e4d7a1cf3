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

/// Errors of the projection layer, each saying what to do.
public enum ProjectionError: Error, CustomStringConvertible, Equatable {
    case noLog(tenant: String)
    case noProjection(tenant: String)
    case notReadOnly(sql: String)
    case unknownSubject(String)
    case badTime(String)

    public var description: String {
        switch self {
        case let .noLog(tenant):
            return "no event log at \(tenant)/log: pass the tenant directory (the one holding log/) with --dir"
        case let .noProjection(tenant):
            return "no projection database at \(tenant)/projections.sqlite yet: run `leafsync project --dir \(tenant)` first"
        case let .notReadOnly(sql):
            return "refused: audit sql runs read-only queries (SELECT, WITH …, EXPLAIN), and this one writes: \(sql)"
        case let .unknownSubject(subject):
            return "no events for \(subject): give an LL order number or short id, an SO number, or a subject such as ll-order:<number>, ll-product:<id>, distru-product:<uuid>"
        case let .badTime(text):
            return "cannot read '\(text)' as a sequence number or a time (use 1234, 2026-11-24, or 2026-11-24T15:00:00Z)"
        }
    }
}
