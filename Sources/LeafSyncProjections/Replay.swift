import Foundation
public import LeafSyncDomain
public import LeafSyncLog

/// Where a replay stops: after a sequence, or after the last event recorded at or before a time.
public enum ReplayLimit: Sendable, Equatable {
    case sequence(UInt64)
    case time(Timestamp)
    case end
}

/// One step of an explanation: an event and what the reducer decided or asked for because of it.
public struct ExplainedStep: Sendable, Equatable {
    public var sequence: UInt64
    public var recordedAt: Timestamp
    public var eventType: String
    public var eventSubject: String
    /// A decision with its rule id (`R-ORD-01: …`), or a command (`→ createSalesOrder …`).
    public var text: String
    public var rule: String
}

/// The state rebuilt in memory from the log alone (R-ENG-04), and, for one subject, every
/// decision and command the reducer took for it, with the event that caused each.
public struct Replay: Sendable {
    public var state: SyncState
    /// The last event applied (0 when none).
    public var lastSequence: UInt64
    public var lastRecordedAt: Timestamp?
    public var steps: [ExplainedStep]

    /// Replays the log at `logPath` up to `limit`. With `explaining`, collects the steps for that subject.
    public static func run(logPath: String, until limit: ReplayLimit, explaining subject: String? = nil) throws -> Replay {
        let cursor = try EventLogReader(directory: logPath).cursor(from: 1)
        var state = SyncState()
        var replay = Replay(state: state, lastSequence: 0, lastRecordedAt: nil, steps: [])
        while let event = try cursor.next() {
            if Self.isBeyond(event, limit) { break }
            let before = subject.map { state.decisions[$0] ?? [] } ?? []
            let commands = reduce(into: &state, recorded: event)
            replay.lastSequence = event.sequence
            replay.lastRecordedAt = event.recordedAt
            guard let subject else { continue }
            for decision in Self.newDecisions(before: before, after: state.decisions[subject] ?? []) {
                replay.steps.append(
                    ExplainedStep(
                        sequence: event.sequence, recordedAt: event.recordedAt, eventType: event.type,
                        eventSubject: event.subject, text: decision.description, rule: decision.rule))
            }
            for command in commands where command.subject == subject {
                replay.steps.append(
                    ExplainedStep(
                        sequence: event.sequence, recordedAt: event.recordedAt, eventType: event.type,
                        eventSubject: event.subject,
                        text: "→ \(command.action.name) (\(command.key))", rule: command.rule))
            }
        }
        replay.state = state
        return replay
    }

    static func isBeyond(_ event: RecordedEvent, _ limit: ReplayLimit) -> Bool {
        switch limit {
        case let .sequence(last): event.sequence > last
        case let .time(time): event.recordedAt > time
        case .end: false
        }
    }

    /// The decisions appended since `before` (the list is capped, so old ones may have dropped off the front).
    static func newDecisions(before: [Decision], after: [Decision]) -> ArraySlice<Decision> {
        if before == after { return [] }
        for overlap in stride(from: min(before.count, after.count), through: 0, by: -1)
        where Array(before.suffix(overlap)) == Array(after.prefix(overlap)) {
            return after.dropFirst(overlap)
        }
        return after[...]
    }
}

/// Turns what a person types (an LL order number or short id, an SO number, or a subject such as
/// `ll-product:2093`) into a log subject.
public enum SubjectResolver {
    public static func resolve(_ text: String, in state: SyncState) -> String? {
        if text.contains(":") { return text }
        if let order = state.searchOrders(text).first { return "ll-order:\(order.leafLinkOrderNumber)" }
        return nil
    }
}
