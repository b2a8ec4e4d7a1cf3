public import LeafSyncDomain
public import LeafSyncLog
public import Logging
public import ServiceLifecycle
import HTTPClientSupport
import LeafSyncIngest

/// Executes the commands the reducer emits and appends their outcomes (R-ENG-03, R-ERR-03).
///
/// The dispatcher keeps the reducer's state folded from the log. A command is sent when it is
/// ready in that state (``CommandBook/ready(at:)``): pending, its dependency succeeded, its
/// retry due. Each attempt's outcome is appended before the command is looked at again, so a
/// command whose success is in the log is never sent again, and one cut off by a crash is sent
/// once more and found already done (``CommandExecutor``).
///
/// ```swift
/// let dispatcher = try Dispatcher(writer: writer, directory: dir, executor: executor, time: EngineClock(ContinuousClock()))
/// let report = try await dispatcher.runOnce()   // everything ready now, and what it leads to
/// try await dispatcher.run()                    // until cancelled: ticks, retries, new commands
/// ```
public actor Dispatcher: Service {
    public struct Options: Sendable {
        /// Commands in flight at once (each API's client keeps its own rate limit).
        public var maxConcurrent = 4
        /// How often `run()` appends `engine.tick` (the reducer decides what is due: polls, push
        /// cycles, retries). Nil: no ticks.
        public var tickEvery: Duration? = .seconds(10)
        public init() {}
    }

    /// What a dispatch run did.
    public struct Report: Sendable, Equatable {
        public var succeeded: [String] = []
        public var failed: [String: String] = [:]
        /// Left pending in this process, with the reason (e.g. the remote is not configured).
        public var skipped: [String: String] = [:]
        public var ticks = 0
        public init() {}
    }

    let writer: EventLogWriter
    let executor: CommandExecutor
    let time: EngineClock
    let options: Options
    let logger: Logger
    private let fold: LogFold
    /// Keys this process cannot send (their remote is not configured here).
    private var skipped: [String: String] = [:]
    private var wakeUps: [CheckedContinuation<Void, Never>] = []
    /// A ``wake()`` that came while nobody slept.
    private var wakeRequested = false
    /// Whether this process has recorded which remotes it polls (at its first ``tick()``).
    private var remotesRecorded = false

    public init(
        writer: EventLogWriter, directory: String, executor: CommandExecutor, time: EngineClock, options: Options = Options(),
        logger: Logger = Logger(label: "leafsync.dispatch")
    ) throws {
        self.writer = writer
        self.executor = executor
        self.time = time
        self.options = options
        self.logger = logger
        self.fold = try LogFold(directory: directory)
    }

    /// The state as of the last event read: a copy taken when a catch-up ends, so readers never
    /// see the fold's thread at work.
    public private(set) var state = SyncState()
    /// The catch-up in flight: one at a time (the fold's cursor is not thread-safe), whoever
    /// asks (the dispatch loop, an operator request through the admin API).
    private var catchingUp: Task<FoldResult, any Error>?
    /// The sequence ``state`` is at.
    private var appliedSequence: UInt64 = 0

    private struct FoldResult: Sendable {
        var count: Int
        var applied: UInt64
        var state: SyncState
    }

    /// Whether the log has been read to its end once.
    public private(set) var hasCaughtUp = false
    /// Whether a whole dispatch round has run: the first tick's polls fetched both remotes, and
    /// what they led to was sent (the service is ready after that).
    public private(set) var hasCompletedARound = false

    /// Reads what was appended since the last call.
    @discardableResult
    public func catchUp() async throws -> Int {
        // Catch-ups are chained: each waits for the one before, so the fold (not thread-safe)
        // runs one at a time, and each copies the state before the next starts.
        let previous = catchingUp
        let fold = self.fold
        let task = Task {
            _ = try? await previous?.value
            let count = try await fold.catchUp()
            return FoldResult(count: count, applied: fold.applied, state: fold.state)
        }
        catchingUp = task
        let result = try await task.value
        if result.applied >= appliedSequence {
            appliedSequence = result.applied
            state = result.state
        }
        hasCaughtUp = true
        return result.count
    }


    /// Appends `engine.tick` at the engine's now and reads it back. The first tick of the process
    /// first records whether it can reach Metrc (``recordPolledRemotes()``).
    public func tick() async throws {
        try await recordPolledRemotes()
        try await append(EventFactory.tick(at: time.now))
        try await catchUp()
    }

    /// The reducer polls Metrc only while the ticking process has it configured (R-MTC-02): a
    /// Metrc poll that no process can run would stay pending. Once a process, this appends the
    /// settings change `metrc_configured` when the log's setting differs from this executor's.
    private func recordPolledRemotes() async throws {
        guard !remotesRecorded else { return }
        remotesRecorded = true
        try await catchUp()
        let metrc = executor.metrc != nil
        guard state.settings.metrcConfigured != metrc else { return }
        try await append(try EventFactory.operatorAction(.changeSettings(SettingsChange(metrcConfigured: metrc)), at: time.now))
        logger.info("Metrc polling \(metrc ? "on" : "off"): this process \(metrc ? "has" : "has no") Metrc configured")
    }

    /// Sends every command that is ready now, and the ones their outcomes make ready, until
    /// none is (commands waiting for a retry time or a failed dependency stay pending).
    public func runOnce() async throws -> Report {
        var report = Report()
        try await catchUp()
        while true {
            let ready = state.commands.ready(at: time.now).filter { skipped[$0.key] == nil }
            if ready.isEmpty { break }
            try await send(ready.map { Self.addressed($0, state) }, into: &report)
            try await catchUp()
        }
        report.skipped = skipped
        DispatchMetrics.record(state)
        hasCompletedARound = true
        return report
    }

    /// Runs until cancelled or a graceful shutdown: ticks every ``Options/tickEvery``, sends what
    /// is ready, and sleeps until the next tick, the next retry due, or ``wake()``. Commands in
    /// flight at shutdown are cancelled; with no outcome logged they are sent again (and found
    /// done, if they landed) at the next start.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            return
        }
    }

    private func loop() async throws {
        var nextTick = time.now
        while !Task.isCancelled {
            if let every = options.tickEvery, time.now >= nextTick {
                try await tick()
                nextTick = time.now.adding(every)
            }
            _ = try await runOnce()
            var until = options.tickEvery == nil ? nil : nextTick
            let now = time.now
            if let due = state.commands.retryAt.values.filter({ $0 > now }).min(), until.map({ due < $0 }) ?? true { until = due }
            await sleep(until: until)
        }
    }

    /// Ends the current sleep of ``run()`` now: something was appended that may emit commands.
    /// Called while `run()` is not asleep (in the middle of a round, whose last catch-up may
    /// already have passed), it makes the next sleep return at once, so the wake is not lost.
    public func wake() {
        if wakeUps.isEmpty { wakeRequested = true }
        releaseSleepers()
    }

    private func releaseSleepers() {
        let waiting = wakeUps
        wakeUps = []
        for w in waiting { w.resume() }
    }

    // MARK: -

    /// An error e-mail decided before anyone to send it to was known (the first fetch sees
    /// LeafLink orders before Distru's users) goes to the recipients known now; its outcome
    /// records who got it.
    static func addressed(_ command: Command, _ state: SyncState) -> Command {
        guard case .sendErrorEmail(var mail) = command.action, mail.recipients.isEmpty else { return command }
        mail.recipients = state.errorRecipients
        var addressed = command
        addressed.action = .sendErrorEmail(mail)
        return addressed
    }

    /// Sends `commands` at most ``Options/maxConcurrent`` at a time, appending each outcome as
    /// it arrives.
    private func send(_ commands: [Command], into report: inout Report) async throws {
        var queue = commands[...]
        try await withThrowingTaskGroup(of: (Command, CommandOutcome).self) { group in
            func start() {
                guard let next = queue.popFirst() else { return }
                let executor = self.executor
                let time = self.time
                group.addTask {
                    let start = time.now
                    // Its HTTP client's lines carry the command (LogContext).
                    let outcome = await LogContext.$metadata.withValue(Self.metadata(next)) { await executor.execute(next) }
                    DispatchMetrics.executed(next, outcome, in: .microseconds(time.now.microseconds - start.microseconds))
                    return (next, outcome)
                }
            }
            for _ in 0..<max(1, options.maxConcurrent) { start() }
            while let (command, outcome) = try await group.next() {
                try await record(command, outcome, into: &report)
                start()
            }
        }
    }

    private func record(_ command: Command, _ outcome: CommandOutcome, into report: inout Report) async throws {
        switch outcome {
        case .succeeded(let response):
            try await append(EventFactory.commandSucceeded(command, response: response, at: time.now))
            report.succeeded.append(command.key)
            logger.info("sent", metadata: Self.metadata(command))
        case .failed(let failure):
            try await append(
                EventFactory.commandFailed(
                    command, error: failure.message, retryable: failure.retryable, status: failure.status, kind: failure.kind, at: time.now))
            report.failed[command.key] = failure.message
            logger.warning(
                "failed", metadata: Self.metadata(command).merging(["retryable": "\(failure.retryable)", "error": "\(failure.message)"]) { $1 })
        case .skipped(let reason):
            skipped[command.key] = reason
        }
    }

    /// What every log line about `command` carries: its key, subject and remote (``LogContext``).
    static func metadata(_ command: Command) -> Logger.Metadata {
        [LogContext.command: "\(command.key)", LogContext.subject: "\(command.subject)", LogContext.remote: "\(command.action.remote)"]
    }

    /// Appends `event` and counts it (``AppendMetrics``).
    private func append(_ event: NewEvent) async throws {
        _ = try await writer.append(event)
        AppendMetrics.appended(CollectionOfOne(event))
    }

    private func sleep(until: Timestamp?) async {
        if wakeRequested {
            wakeRequested = false
            return
        }
        await withTaskGroup(of: Void.self) { group in
            if let until {
                let time = self.time
                group.addTask { try? await time.sleep(until: until) }
            }
            group.addTask { await self.waitForWake() }
            await group.next()
            group.cancelAll()
            self.releaseSleepers()
        }
    }

    /// Waits for ``wake()``. A wake that came after ``sleep(until:)`` looked at the flag but before
    /// this child task got onto the actor is taken here (checked and registered in one actor turn);
    /// without that, it waited for the next tick (found by `leafsync-bench webhook`: one order in
    /// a few hundred stayed without its SO for the whole 600 s tick).
    private func waitForWake() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if wakeRequested {
                    wakeRequested = false
                    continuation.resume()
                } else {
                    wakeUps.append(continuation)
                }
            }
        } onCancel: {
            Task { await self.wake() }
        }
    }
}
