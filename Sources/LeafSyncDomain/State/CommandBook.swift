public import LeafSyncLog

/// Outbound commands pending, done, abandoned and withdrawn, with their attempts, retry times
/// and dependencies (R-ENG-03, R-ERR-03).
///
/// Every command emitted is in exactly one of four places: ``pending`` (not yet succeeded: ready,
/// waiting for a dependency, or waiting for a retry time), ``done`` (succeeded: never sent
/// again), ``abandoned`` (failed for good: an open sync error until the operator retries it) or
/// ``cancelled`` (withdrawn unsent: an unlinked product's pushes, or a value superseded by a
/// newer one that succeeded). A dispatcher asks ``ready(at:)`` what it may send:
///
/// ```swift
/// for command in state.commands.ready(at: now) { … send, then append its outcome event … }
/// state.commands.wait(for: key, at: now)   // .dependency(key:failed:) or .retry(at:), or nil when ready
/// ```
public struct CommandBook: Equatable, Sendable {
    /// Emitted, without a success outcome yet.
    public var pending: [String: Command] = [:]
    /// Keys with a success outcome: never emitted again.
    public var done: Set<String> = []
    /// Keys given up after repeated or permanent failure: never emitted again, unless the operator
    /// retries them (``OperatorAction/retryCommand(key:)``).
    public var abandoned: Set<String> = []
    /// Keys withdrawn without a success: never emitted again, never retried.
    public var cancelled: Set<String> = []
    /// Failed attempts per key (reset when the operator retries the command).
    public var attempts: [String: Int] = [:]
    /// When a failed command is due for another try.
    public var retryAt: [String: Timestamp] = [:]
    /// The error of each pending or abandoned command's last failed attempt.
    public var lastError: [String: String] = [:]
    /// The sequence the next emitted command gets; the first is 1.
    public var nextSequence: UInt64 = 1
    /// The content of every command no longer pending (done, abandoned or cancelled), by key:
    /// the commands projection shows it, and an operator retry puts an abandoned one back.
    public var finished: [String: Command] = [:]
    /// Per ``CommandAction/target``, the key of the newest pending command for it: the one a new
    /// command for that target depends on.
    var lastOfTarget: [String: String] = [:]

    /// Failed attempts before a failing command becomes a sync error.
    public static let maxAttempts = 5

    public init() {}

    /// (Empty sets are skipped: a lookup hashes the whole key even in an empty set.)
    func knows(_ key: String) -> Bool {
        pending[key] != nil || (!done.isEmpty && done.contains(key)) || (!abandoned.isEmpty && abandoned.contains(key))
            || (!cancelled.isEmpty && cancelled.contains(key))
    }

    /// Pending commands the dispatcher may send at `now`, in emission (sequence) order: not
    /// waiting for a retry time after `now`, and whose ``Command/dependsOn`` (if any) is in
    /// ``done`` (or was withdrawn, or is an abandoned older value of the same
    /// ``CommandAction/latestValueSlot``, which the newer one replaces). At most one command of
    /// each target is ready at a time.
    public func ready(at now: Timestamp) -> [Command] {
        pending.values.filter { wait(for: $0, at: now) == nil }.sorted { $0.sequence < $1.sequence }
    }

    /// Why a pending command is not ready at `now`; `nil` when it is ready, or not pending.
    public func wait(for key: String, at now: Timestamp) -> CommandWait? {
        pending[key].flatMap { wait(for: $0, at: now) }
    }

    func wait(for command: Command, at now: Timestamp) -> CommandWait? {
        if let dependency = command.dependsOn, !isSatisfied(dependency, for: command) {
            return .dependency(key: dependency, failed: abandoned.contains(dependency))
        }
        if let due = retryAt[command.key], due > now { return .retry(at: due) }
        return nil
    }

    /// Whether `command` no longer has to wait for `dependency`.
    private func isSatisfied(_ dependency: String, for command: Command) -> Bool {
        if done.contains(dependency) || cancelled.contains(dependency) { return true }
        guard abandoned.contains(dependency), let slot = command.action.latestValueSlot else { return false }
        return finished[dependency]?.action.latestValueSlot == slot
    }

    /// Records a newly emitted command: its sequence, and its dependency on the newest pending
    /// command for its target unless `dependsOn` names one.
    mutating func add(_ command: Command, dependsOn: String?) -> Command {
        var command = command
        command.sequence = nextSequence
        nextSequence += 1
        let target = command.action.target
        command.dependsOn = dependsOn ?? target.flatMap { lastOfTarget[$0] }
        if let target { lastOfTarget[target] = command.key }
        pending[command.key] = command
        return command
    }

    /// Where a command goes when it leaves ``pending``.
    enum Outcome { case done, abandoned, cancelled }

    /// Moves a command, pending or abandoned, to `outcome` and returns it. A success of a key
    /// that is neither (unknown, or withdrawn while the dispatcher had it in flight) is recorded
    /// in ``done`` and returns `nil`: its effects are not applied again.
    @discardableResult
    mutating func finish(_ key: String, as outcome: Outcome) -> Command? {
        let wasAbandoned = abandoned.remove(key) != nil
        guard let command = pending.removeValue(forKey: key) ?? (wasAbandoned ? finished[key] : nil) else {
            if outcome == .done {
                cancelled.remove(key)
                done.insert(key)
            }
            return nil
        }
        retryAt[key] = nil
        switch outcome {
        case .done: done.insert(key)
        case .abandoned: abandoned.insert(key)
        case .cancelled: cancelled.insert(key)
        }
        if outcome != .abandoned { lastError[key] = nil }
        finished[key] = command
        if let target = command.action.target, lastOfTarget[target] == key { lastOfTarget[target] = nil }
        return command
    }

    /// Puts an abandoned command back in ``pending``, ready now, its attempts reset (the operator's
    /// retry). A pending command is made ready now. Returns it; `nil` when it is neither.
    mutating func reopen(_ key: String) -> Command? {
        attempts[key] = nil
        retryAt[key] = nil
        if let command = pending[key] { return command }
        guard abandoned.remove(key) != nil, let command = finished.removeValue(forKey: key) else { return nil }
        pending[key] = command
        if let target = command.action.target, lastOfTarget[target] == nil { lastOfTarget[target] = key }
        return command
    }
}

extension CommandBook {
    /// Where a command stands, without a clock: a command with a retry time is `retrying` until
    /// the tick that makes it due (the commands projection's `status`); `nil` for an unknown key.
    public func status(of key: String) -> CommandStatus? {
        if let command = pending[key] {
            switch wait(for: command, at: Timestamp(microseconds: .min)) {
            case nil: return .pending
            case .dependency: return .waiting
            case .retry: return .retrying
            }
        }
        if done.contains(key) { return .succeeded }
        if abandoned.contains(key) { return .failed }
        if cancelled.contains(key) { return .cancelled }
        return nil
    }

    /// The content of the command `key`, pending or finished.
    public func command(_ key: String) -> Command? { pending[key] ?? finished[key] }
}

/// Where a command stands (``CommandBook/status(of:)``).
public enum CommandStatus: String, Sendable, CaseIterable {
    /// Ready to send (or being sent).
    case pending
    /// Waiting for its dependency to succeed.
    case waiting
    /// A failed attempt; waiting for its retry time.
    case retrying
    case succeeded
    /// Abandoned: an open sync error until the operator retries it.
    case failed
    /// Withdrawn unsent (unlinked, or superseded by a newer value).
    case cancelled
}

/// Why a pending command is not ready (``CommandBook/wait(for:at:)``).
public enum CommandWait: Equatable, Sendable {
    /// It depends on the command `key`, which has not succeeded; `failed` when that one is abandoned
    /// (then only the operator's retry of it moves this one on).
    case dependency(key: String, failed: Bool)
    /// A failed attempt: the next one is due at this time.
    case retry(at: Timestamp)
}
