/// Why the projection layer could not do what was asked, each case saying what to do.
///
/// The command-line tool's own input errors (an unknown subject, an unreadable time, a writing
/// query) are the tool's (`leafsync`'s `QueryError`), not the library's.
public enum ProjectionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The tenant directory holds no event log.
    case noLog(tenant: String)
    /// The projector has not built the tenant's database yet.
    case noProjection(tenant: String)
    /// Another projector holds the tenant's projector lock.
    case alreadyRunning(lockFile: String)
    /// The projector lock could not be opened or taken.
    case lockFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .noLog(tenant):
            return "no event log at \(tenant)/log: pass the tenant directory (the one holding log/) with --dir"
        case let .noProjection(tenant):
            return "no projection database at \(tenant)/projections.sqlite yet: run `leafsync project --dir \(tenant)` first"
        case let .alreadyRunning(lockFile):
            return "another projector is already running for this tenant (it holds \(lockFile)); stop it first, or just read its database"
        case let .lockFailed(path, reason):
            return "cannot open the projector lock \(path): \(reason)"
        }
    }
}
