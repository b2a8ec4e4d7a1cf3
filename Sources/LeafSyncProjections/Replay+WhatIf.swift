import Foundation
public import LeafSyncDomain
public import LeafSyncLog

/// The answer of `leafsync what-if`: where the change was made and the commands that would differ.
public struct WhatIfReport: Sendable {
    /// The change is made right after this event (0 for an empty log).
    public var afterSequence: UInt64
    /// The last event of the log (unchanged: nothing is appended).
    public var lastSequence: UInt64
    /// When the compared push cycle runs.
    public var pushCycleAt: Timestamp
    public var differences: [CommandDifference]
}

extension Replay {
    /// Reads the log at `logPath` once: folds it up to `point` (the end by default), makes
    /// `change` there, applies the rest of the log to the state as it is and to the changed one,
    /// and compares the commands both emit up to the next push cycle (``SettingsWhatIf``).
    /// `check` sees the state where the change is made, and may refuse it (an unknown location).
    public static func whatIf(
        logPath: String, change: SettingsChange, after point: ReplayLimit = .end, check: (SyncState) throws -> Void = { _ in }
    ) throws -> WhatIfReport {
        let cursor = try EventLogReader(directory: logPath).cursor(from: 1)
        var state = SyncState()
        state.recordsDecisions = false
        var whatIf: SettingsWhatIf?
        var report = WhatIfReport(afterSequence: 0, lastSequence: 0, pushCycleAt: Timestamp(microseconds: 0), differences: [])
        var lastTime: Timestamp?
        while let recorded = try cursor.next() {
            let event = DomainEvent(recorded: recorded)
            if whatIf == nil, isBeyond(recorded, point) {
                try check(state)
                whatIf = SettingsWhatIf(state: state, change: change, at: lastTime ?? event.time)
            }
            if whatIf != nil {
                whatIf!.apply(event)
            } else {
                _ = reduce(into: &state, event: event)
                report.afterSequence = recorded.sequence
                lastTime = event.time
            }
            report.lastSequence = recorded.sequence
        }
        if whatIf == nil { try check(state) }
        var made = whatIf ?? SettingsWhatIf(state: state, change: change, at: lastTime ?? Timestamp(microseconds: 0))
        report.pushCycleAt = made.nextPushCycle
        report.differences = made.finish()
        return report
    }
}
