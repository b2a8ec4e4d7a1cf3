public import Logging

/// The metadata LeafSync's log lines carry, and what the current task works on.
///
/// Identifiers go in metadata under these keys, not into the message: ``remote`` (`leaflink`,
/// `distru`, `metrc` or `smtp`), ``command`` (a command's idempotency key) and ``subject``
/// (`ll-order:<number>`, `distru-product:<id>`, …). A secret goes in neither: clients name a
/// call by its method and URL, never its headers.
///
/// A line written by a task working for one command (an HTTP call the dispatcher makes for it,
/// several layers below) carries that command through the task-local ``metadata``:
///
/// ```swift
/// let outcome = await LogContext.$metadata.withValue(["command": "\(key)", "subject": "\(subject)"]) {
///     await executor.execute(command)     // its HTTP client's lines carry command and subject
/// }
/// logger.notice("retrying", metadata: LogContext.merged([LogContext.remote: "distru"]))
/// ```
public enum LogContext {
    public static let remote = "remote"
    public static let command = "command"
    public static let subject = "subject"

    /// What the current task works on (empty outside a command).
    @TaskLocal public static var metadata: Logger.Metadata = [:]

    /// The task's ``metadata`` with `line`'s own on top.
    public static func merged(_ line: Logger.Metadata) -> Logger.Metadata {
        metadata.isEmpty ? line : metadata.merging(line) { _, own in own }
    }
}
