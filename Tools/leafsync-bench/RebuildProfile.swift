import ArgumentParser
import Foundation
import LeafSyncDomain
import LeafSyncLog
import LeafSyncProjections

/// Where a rebuild's time goes, stage by stage and per event type, on one core.
struct RebuildProfile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild-profile",
        abstract: "Time each stage of a rebuild (scan, decode, reduce, audit index) of an existing tenant's log, per event type.",
        discussion: """
            Single-threaded and stage by stage, to show what bounds `leafsync-bench rebuild`. Make a \
            tenant first with `leafsync-bench rebuild --keep DIR`, then: leafsync-bench rebuild-profile --tenant DIR
            """
    )

    @Option(help: "A tenant directory (the one holding log/).")
    var tenant: String

    func run() throws {
        let directory = TenantDirectory(tenant)
        let (events, scanSeconds) = try Stopwatch.measure { try EventLogReader(directory: directory.logPath).readAll() }
        var decoded: [DomainEvent] = []
        decoded.reserveCapacity(events.count)
        var decodeByType: [String: (count: Int, seconds: Double)] = [:]
        let decodeWatch = Stopwatch()
        for event in events {
            let watch = Stopwatch()
            decoded.append(DomainEvent(recorded: event))
            decodeByType[event.type, default: (0, 0)].count += 1
            decodeByType[event.type, default: (0, 0)].seconds += watch.elapsedSeconds
        }
        let decodeSeconds = decodeWatch.elapsedSeconds
        var state = SyncState()
        state.recordsDecisions = false  // as the projector reduces
        var reduceByType: [String: Double] = [:]
        let reduceWatch = Stopwatch()
        for (event, domain) in zip(events, decoded) {
            let watch = Stopwatch()
            _ = reduce(into: &state, event: domain)
            reduceByType[event.type, default: 0] += watch.elapsedSeconds
        }
        let reduceSeconds = reduceWatch.elapsedSeconds
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rebuild-profile-\(getpid()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let audit = try ProjectionDatabase.bulkLoadAuditIndex(events, into: scratch)
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        func rate(_ seconds: Double) -> String {
            String(format: "%10.0f ev/s  %7.2f µs/ev", Double(events.count) / seconds, seconds / Double(events.count) * 1e6)
        }
        print("\(events.count) events")
        print(
            "state entry sizes: command \(MemoryLayout<Command>.stride) B, order sync \(MemoryLayout<OrderSync>.stride) B, sync error \(MemoryLayout<SyncError>.stride) B; event sizes: recorded \(MemoryLayout<RecordedEvent>.stride) B, decoded \(MemoryLayout<DomainEvent>.stride) B"
        )
        print("scan (materialise)  \(rate(scanSeconds))")
        print("decode payloads     \(rate(decodeSeconds))")
        print("reduce              \(rate(reduceSeconds))")
        print("audit index rows    \(rate(seconds(audit.rows)))")
        print("audit index indexes \(rate(seconds(audit.indexes)))")
        print("\nper type                              count   decode µs   reduce µs")
        for (type, entry) in decodeByType.sorted(by: { $0.value.seconds + reduceByType[$0.key]! > $1.value.seconds + reduceByType[$1.key]! }
        ) {
            let name = type.padding(toLength: 36, withPad: " ", startingAt: 0)
            print(
                name
                    + String(
                        format: " %7d %11.2f %11.2f", entry.count,
                        entry.seconds / Double(entry.count) * 1e6, reduceByType[type]! / Double(entry.count) * 1e6))
        }
    }
}
