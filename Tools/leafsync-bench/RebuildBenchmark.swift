import ArgumentParser
import BenchmarkWorkload
import Foundation
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections

struct RebuildBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Full projection rebuild from a realistic log, against the raw scan of the same log.",
        discussion: """
            Writes a log of realistic events (the generator of `leafsync-bench log`: LeafLink orders \
            and products, Distru inventory rows, products and sales orders, command outcomes, all \
            decoded and reduced by the real reducer), scans it raw, then rebuilds every projection \
            from it, in this one process, and prints both rates and their ratio.
            Run it in release mode: swift run -c release leafsync-bench rebuild
            """
    )

    @Option(help: "How many events.")
    var events = 1_000_000

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Leave the tenant directory (log/ and projections.sqlite) here; every --dir command accepts it.")
    var keep: String?

    @Option(help: "Measure an existing tenant directory (its log as it is; its projections are rebuilt) instead of generating one.")
    var tenant: String?

    @Option(help: "Seed of the workload generator.")
    var seed: UInt64 = 42

    /// The operator's setup before the generated traffic: reps mapped to Distru users, products
    /// linked, customers associated, a default SO location. With it, generated LL orders really
    /// become SOs (or stay blocked on stock or status) instead of all waiting for an unmapped rep.
    static func tenantSetup() throws -> [NewEvent] {
        let start: Int64 = 1_794_999_000_000_000  // just before the generated traffic
        var minute: Int64 = 0
        func at() -> Timestamp { minute += 1; return Timestamp(microseconds: start + minute * 1_000_000) }
        typealias W = RealisticWorkload
        var setup = [
            try EventFactory.operatorAction(
                .changeSettings(
                    SettingsChange(
                        defaultSalesOrderLocationID: W.distruLocationID(0), errorRecipients: ["ops@brand.example"])), at: at())
        ]
        for n in 0..<W.reps {
            setup.append(try EventFactory.operatorAction(.mapRep(distruUserID: "user-\(n)", leafLinkStaffID: W.leafLinkRepID(n)), at: at()))
        }
        for n in 0..<W.products {
            setup.append(
                try EventFactory.operatorAction(
                    .linkProduct(distruProductID: W.distruProductID(n), leafLinkProductID: W.leafLinkProductID(n)), at: at()))
        }
        for n in 0..<W.customers {
            setup.append(
                try EventFactory.operatorAction(
                    .associateCustomer(leafLinkCustomerID: W.leafLinkCustomerID(n), distruCompanyID: "company-\(n)"), at: at()))
        }
        return setup
    }

    private func generate(_ events: Int, into tenant: TenantDirectory, progress: Progress) async throws {
        progress.say("writing \(events) realistic events to \(tenant.logPath) …")
        let setup = try Self.tenantSetup()
        let generated =
            setup + (try RealisticWorkload().events(count: max(0, events - setup.count), seed: seed)).prefix(events - setup.count)
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        for start in stride(from: 0, to: generated.count, by: 10_000) {
            try await writer.append(Array(generated[start..<min(start + 10_000, generated.count)]))
        }
        await writer.close()
    }

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be positive") }
        if let keep, let contents = try? FileManager.default.contentsOfDirectory(atPath: keep), !contents.isEmpty {
            throw ValidationError("--keep \(keep) exists and is not empty; choose a new directory")
        }
    }

    func run() async throws {
        let progress = Progress(enabled: !json)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("leafsync-rebuild-\(getpid())").path
        let tenantPath = self.tenant ?? keep ?? scratch
        defer { if keep == nil, self.tenant == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let tenant = TenantDirectory(tenantPath)
        let events = self.tenant == nil ? events : Int(try EventLogReader(directory: tenant.logPath).lastSequence())
        if self.tenant == nil { try await generate(events, into: tenant, progress: progress) }

        progress.say("raw scan …")
        let (scanned, scanSeconds) = try Stopwatch.median(of: 3) { () throws -> Int in
            let cursor = try EventLogReader(directory: tenant.logPath).cursor(from: 1)
            var count = 0
            while try cursor.next() != nil { count += 1 }
            return count
        }
        progress.say("rebuilding the projections …")
        let (committed, rebuildSeconds) = try await Stopwatch.measureAsync {
            try await Projector(tenant: tenant, batchSize: 5_000).run(rebuild: true)
        }
        guard scanned == events, committed == UInt64(events) else {
            throw ValidationError("mismatch: scanned \(scanned), projected to \(committed), expected \(events)")
        }
        let scanRate = Double(events) / scanSeconds, rebuildRate = Double(events) / rebuildSeconds
        if json {
            print(
                JSONWriter.canonical([
                    "events": .int(events), "rebuild_events_per_s": .double(rebuildRate.rounded()),
                    "scan_events_per_s": .double(scanRate.rounded()),
                    "ratio": .double((rebuildRate / scanRate * 1000).rounded() / 1000), "kept": keep.map(JSONValue.string) ?? .null,
                ]))
        } else {
            print(
                """

                leafsync-bench rebuild: \(events) events
                                           events/s
                raw log scan          \(String(format: "%12.0f", scanRate))
                projection rebuild    \(String(format: "%12.0f", rebuildRate))
                rebuild / scan        \(String(format: "%12.4f", rebuildRate / scanRate))   (target ≥ 0.2)
                \(keep.map { "tenant kept in \($0): try leafsync audit sql \"SELECT count(*) FROM audit_index\" --dir \($0)" } ?? "")
                """)
        }
    }
}
