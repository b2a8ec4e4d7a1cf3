import ArgumentParser
import Foundation
import LeafSyncDomain
import LeafSyncLog
import LeafSyncProjections

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild the sync state in memory up to a point of the log, and explain a subject.",
        discussion: """
            Answers "why did LeafLink order 3f2a9c1e not become a sales order on Tuesday?" from the \
            log alone: the state is rebuilt by the same pure reducer the service runs, stopping at \
            --until (a sequence number or a time). --subject takes an LL order number or short id, an \
            SO number, or any subject (ll-order:<number>, ll-product:<id>, distru-product:<uuid>). \
            --explain lists every decision the reducer took for it, in order, with the event that \
            caused it and the rule id.

            Examples:
              leafsync replay --dir data/tenants/acme --until 2026-11-24T18:00:00Z --subject 3f2a9c1e --explain
              leafsync replay --dir data/tenants/acme --until 1200
            """
    )

    @OptionGroup var tenant: TenantOption

    @Option(help: "Stop after this sequence number or time (2026-11-24, 2026-11-24T18:00:00Z). Default: the end.")
    var until: String?

    @Option(help: "What to show: an LL order number or short id, an SO number, or a subject.")
    var subject: String?

    @Flag(help: "List every decision and command for the subject, with the event that caused it.")
    var explain = false

    func run() throws {
        try tenant.tenant.requireLog()
        let limit = try ReplayLimit.parsing(until)
        // A subject given as such (`ll-order:<number>`) is explained in the one replay; a short id
        // or SO number needs a first replay to find which subject it names.
        let literal = subject.flatMap { $0.contains(":") && explain ? $0 : nil }
        var replay = try Replay.run(logPath: tenant.tenant.logPath, until: limit, explaining: literal)
        let point = "state at sequence \(replay.lastSequence)" + (replay.lastRecordedAt.map { " (\($0))" } ?? "")
        guard let subjectText = subject else {
            print(point)
            print(Self.summary(replay.state))
            return
        }
        guard let resolved = SubjectResolver.resolve(subjectText, in: replay.state) else {
            throw ValidationError(QueryError.unknownSubject(subjectText).description)
        }
        if explain, literal == nil { replay = try Replay.run(logPath: tenant.tenant.logPath, until: limit, explaining: resolved) }
        print("\(resolved) — \(point)")
        print(Self.describe(resolved, in: replay.state))
        if explain {
            print("\ndecisions and commands, in order:")
            if replay.steps.isEmpty { print("  (none)") }
            for step in replay.steps {
                print("  #\(step.sequence)  \(step.recordedAt)  \(step.eventType) \(step.eventSubject)\n      \(step.text)")
            }
        }
    }

    static func summary(_ state: SyncState) -> String {
        let phases = Dictionary(grouping: state.orders.values, by: { "\($0.phase)" }).mapValues(\.count)
        return """
            orders: \(state.orders.count) (\(phases.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            products: \(state.distruProducts.count) Distru, \(state.leafLinkProducts.count) LeafLink, \(state.links.count) linked
            open sync errors: \(state.openErrors.count)
            pending commands: \(state.commands.pending.count)
            """
    }

    static func describe(_ subject: String, in state: SyncState) -> String {
        var lines: [String] = []
        if subject.hasPrefix("ll-order:"), let sync = state.orders[String(subject.dropFirst(9))] {
            lines.append("LeafLink status: \(sync.order.status.rawValue); sync: \(sync.phase)")
            lines.append(
                "sales order: \(sync.salesOrderNumber ?? "none")\(sync.salesOrderID.map { " (\($0))" } ?? "")\(sync.salesOrderStatus.map { ", \($0.rawValue)" } ?? "")"
            )
            for blocker in sync.blockers { lines.append("blocked: \(blocker)") }
        }
        for error in state.errors.values.filter({ $0.subject == subject }).sorted(by: { $0.id < $1.id }) {
            lines.append("sync error \(error.resolvedAt == nil ? "OPEN" : "resolved at \(error.resolvedAt!)"): \(error.message)")
            if error.resolvedAt == nil { lines.append("  fix: \(error.fix)") }
        }
        if let rejection = state.rejections[subject] { lines.append("last record rejected: \(rejection)") }
        if lines.isEmpty { lines.append("(nothing recorded for this subject at this point)") }
        return lines.joined(separator: "\n")
    }
}
