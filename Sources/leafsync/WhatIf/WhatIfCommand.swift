import ArgumentParser
import Foundation
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections

/// `leafsync what-if settings set KEY=VALUE …`: the commands a settings change would add, change
/// or drop, from the log alone, before the operator makes it.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "Show the commands a settings change would add, change or drop, without making it.",
        discussion: """
            Replays the tenant's log twice in memory: as it is, and with the settings change made \
            after its last event, or after --after (a sequence or a time), the later events applied \
            to both (R-SET-02: a change is never retroactive). Both then run the next push cycle \
            (the last push cycle + inventory_push_seconds, or the last event when later), and the \
            commands each emitted from the change on are compared by target and action: added, \
            changed (another quantity or price) or dropped. Nothing is written to the log; \
            `leafsync settings set` with the same arguments makes the change.

            Made at the end, a change shows what the next push cycle would do differently (an \
            inventory quantity, an SO for an order it unblocks). Turning price or payment sync on \
            affects only later changes (R-PRC-03, R-PAY-03): use --after to see what it would have \
            sent since then.

            Settings (KEY=VALUE, several at once):
            \(SettingsChange.assignableKeys.map { "  \($0.key): \($0.accepts)" }.joined(separator: "\n"))

            Examples:
              leafsync what-if --dir data/tenants/acme --after 2026-11-24 settings set sync_prices=true
              leafsync what-if --dir data/tenants/acme settings set inventory_location_ids=7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d
              leafsync what-if --dir data/tenants/acme settings set status_mapping.Backorder=PENDING --json
            """
    )

    @OptionGroup var tenant: TenantOption

    @Option(help: "Make the change after this sequence number or time (2026-11-24, 2026-11-24T18:00:00Z). Default: after the last event.")
    var after: String?

    @Flag(help: "One JSON object per differing command, one a line.")
    var json = false

    @Argument(help: "settings set KEY=VALUE …")
    var words: [String] = []

    func validate() throws {
        guard words.count >= 3, words[0] == "settings", words[1] == "set" else {
            throw ValidationError("expected: what-if settings set KEY=VALUE … (for example sync_prices=true)")
        }
    }

    func run() throws {
        let change: SettingsChange
        do { change = try SettingsChange(assignments: Array(words.dropFirst(2))) } catch {
            throw ValidationError(error.description)
        }
        try tenant.tenant.requireLog()
        let whatIf = try Replay.whatIf(logPath: tenant.tenant.logPath, change: change, after: try ReplayLimit.parsing(after)) { try Self.checkReferences(change, in: $0) }
        if json {
            for d in whatIf.differences { print(Self.json(d).canonicalText) }
            return
        }
        print(
            "what if \(words.dropFirst(2).joined(separator: " ")) after log sequence \(whatIf.afterSequence) (of \(whatIf.lastSequence)); compared up to the push cycle at \(whatIf.pushCycleAt)"
        )
        if whatIf.differences.isEmpty {
            print("no command would differ")
            return
        }
        for d in whatIf.differences {
            let mark = switch d.kind {
            case .added: "+"
            case .changed: "~"
            case .dropped: "-"
            }
            print("\(mark) \(d.kind.rawValue)  \(d.target)  \(d.action)  \(d.rule)")
            if let before = d.before, d.kind != .added { print("    before: \(before.canonicalText)") }
            if let after = d.after { print("    after:  \(after.canonicalText)") }
        }
        let counts = [CommandDifference.Kind.added, .changed, .dropped].map { kind in
            "\(whatIf.differences.filter { $0.kind == kind }.count) \(kind.rawValue)"
        }
        print("\(whatIf.differences.count) command(s) would differ: \(counts.joined(separator: ", ")); nothing was recorded")
    }

    /// Locations the change names must be ones Distru has shown (when it has shown any).
    static func checkReferences(_ change: SettingsChange, in state: SyncState) throws {
        guard !state.locations.isEmpty else { return }
        let named = (change.inventoryLocationIDs ?? []) + [change.defaultSalesOrderLocationID ?? ""].filter { !$0.isEmpty }
        if let unknown = named.first(where: { state.locations[$0] == nil }) {
            let known = state.locations.values.sorted { $0.id < $1.id }.map { "\($0.id) (\($0.name))" }
            throw ValidationError("unknown Distru location \(unknown); the locations are: \(known.joined(separator: ", "))")
        }
    }

    static func json(_ d: CommandDifference) -> JSONValue {
        var object: JSONObject = ["kind": .string(d.kind.rawValue), "target": .string(d.target), "action": .string(d.action), "rule": .string(d.rule)]
        if let before = d.before { object["before"] = before }
        if let after = d.after { object["after"] = after }
        return .object(object)
    }
}
