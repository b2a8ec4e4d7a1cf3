public import LeafSyncJSON
public import LeafSyncLog

/// What a settings change would do, before the operator makes it: the commands that would
/// differ (`leafsync what-if settings set`).
///
/// The state is taken twice, in memory: as it is, and with the change applied as an operator
/// event would apply it (R-SET-02: from that moment on, never retroactively). The events after
/// that moment, if any, are applied to both (``apply(_:)``); then both get the same scheduler tick
/// at the time of the next push cycle, so push cycles, polls and retries run alike in both
/// (``finish()``). The commands each emitted from the change on are compared by what they do:
///
/// ```swift
/// var whatIf = SettingsWhatIf(state: stateAtTheEnd, change: try SettingsChange(assignments: ["inventory_location_ids=A"]), at: lastEventTime)
/// for d in whatIf.finish() { print(d.kind, d.target, d.action) }   // changed leaflink-product:2093 pushLeafLinkInventory
/// ```
///
/// Made at the end of the log, a change shows what the next push cycle would do differently
/// (another inventory quantity, an SO created for an order it unblocks). A change that only
/// affects later events (turning price sync on re-anchors the prices, R-PRC-03) shows its
/// effect when made earlier, with the events since applied to both. Nothing is written
/// anywhere: the log stays as it is until the operator commits the change.
public struct SettingsWhatIf: Sendable {
    private var asIs: SyncState
    private var changed: SyncState
    /// Commands emitted since the change, by key (a retry emits a command again: one entry).
    private var emittedAsIs: [String: Command] = [:]
    private var emittedChanged: [String: Command] = [:]
    /// The time of the newest event seen.
    private var last: Timestamp

    /// Applies `change` at `time` (the time of the last event before it) to a copy of `state`.
    public init(state: SyncState, change: SettingsChange, at time: Timestamp) {
        asIs = state
        changed = state
        asIs.recordsDecisions = false
        changed.recordsDecisions = false
        last = time
        let event = DomainEvent(time: time, subject: "settings", fact: .operatorAction(.changeSettings(change)))
        for command in reduce(into: &changed, event: event) { emittedChanged[command.key] = command }
    }

    /// An event after the change: applied to both states.
    public mutating func apply(_ event: DomainEvent) {
        last = max(last, event.time)
        for command in reduce(into: &asIs, event: event) { emittedAsIs[command.key] = command }
        for command in reduce(into: &changed, event: event) { emittedChanged[command.key] = command }
    }

    /// The time of the next push cycle as things are (or of the newest event, when later).
    public var nextPushCycle: Timestamp {
        guard let cycle = asIs.lastPushCycle else { return last }
        return max(last, Timestamp(microseconds: cycle.microseconds + asIs.settings.inventoryPushSeconds * 1_000_000))
    }

    /// Runs the next push cycle in both states and returns the commands that differ, by target, then action.
    public mutating func finish() -> [CommandDifference] {
        apply(DomainEvent(time: nextPushCycle, subject: "scheduler", fact: .tick))
        return CommandDifference.between(Array(emittedAsIs.values), Array(emittedChanged.values))
    }
}

/// A command the what-if adds, changes or drops, compared with the log as it is.
public struct CommandDifference: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Only with the change.
        case added
        /// The same action on the same target, with other content (another quantity, price, …).
        case changed
        /// Only without the change.
        case dropped
    }

    public var kind: Kind
    /// The remote object (``CommandAction/target``), or the command key for fetches and polls.
    public var target: String
    /// ``CommandAction/name``.
    public var action: String
    /// The rule that asks for the command (the new one's, for a change).
    public var rule: String
    /// ``CommandAction/json`` without the change; `nil` when added.
    public var before: JSONValue?
    /// ``CommandAction/json`` with the change; `nil` when dropped.
    public var after: JSONValue?

    /// Pairs the commands of `before` and `after` by target and action; equal content cancels out.
    /// One command left on each side of a pair is a change; anything else is added or dropped.
    static func between(_ before: [Command], _ after: [Command]) -> [CommandDifference] {
        struct Slot: Hashable, Comparable {
            var target: String
            var action: String
            static func < (a: Slot, b: Slot) -> Bool { (a.target, a.action) < (b.target, b.action) }
        }
        func grouped(_ commands: [Command]) -> [Slot: [Command]] {
            Dictionary(grouping: commands) { Slot(target: $0.action.target ?? $0.key, action: $0.action.name) }
        }
        let old = grouped(before), new = grouped(after)
        var out: [CommandDifference] = []
        for slot in Set(old.keys).union(new.keys).sorted() {
            var dropped = (old[slot] ?? []).sorted { $0.sequence < $1.sequence }
            var added = (new[slot] ?? []).sorted { $0.sequence < $1.sequence }
            for command in dropped {
                let text = command.action.json.canonicalText
                if let i = added.firstIndex(where: { $0.action.json.canonicalText == text }) {
                    added.remove(at: i)
                    dropped.removeAll { $0.key == command.key }
                }
            }
            func difference(_ kind: Kind, _ before: Command?, _ after: Command?) -> CommandDifference {
                CommandDifference(
                    kind: kind, target: slot.target, action: slot.action, rule: (after ?? before)!.rule,
                    before: before?.action.json, after: after?.action.json)
            }
            if dropped.count == 1, added.count == 1 {
                out.append(difference(.changed, dropped[0], added[0]))
                continue
            }
            out += added.map { difference(.added, nil, $0) } + dropped.map { difference(.dropped, $0, nil) }
        }
        return out
    }
}
