import ArgumentParser
import BenchmarkWorkload
import Foundation
import LeafSyncJSON
import LeafSyncLog
import OrderedCollections

struct LogBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Append and scan throughput of the event log against a SQLite table of JSON rows.",
        discussion: """
            Generates realistic events from data/samples (LeafLink orders and products, Distru \
            inventory rows, products and sales orders, command outcomes), then, in this one process:
              1. appends them to a new event log, 1,000 events per append;
              2. inserts them into the baseline: one SQLite table, one row per event with the JSON \
            payload, WAL, 1,000 rows per transaction;
              3. scans both from the start, materialising every event: the log as written, then \
            again after `LogCompactor` (as `leafsync log compact`) re-encoded its batches with LZ4HC.
            The headline scan and compression figures are the compacted log's; the table shows both.
            Both sides use the same durability: --durability fsync (default) makes every 1,000 events \
            durable on both (log `fsync`, SQLite `synchronous=FULL`); `none` syncs neither.
            Run it in release mode: swift run -c release leafsync-bench log
            """
    )

    @Option(help: "How many events.")
    var events = 1_000_000

    @Option(help: "Durability on both sides: fsync or none.")
    var durability = "fsync"

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Leave the generated log in this directory (a tenant's log directory for the other commands).")
    var keep: String?

    @Option(help: "Directory of sample records.")
    var samples = RealisticWorkload.defaultSamplesDirectory

    @Option(help: "Scan each side this many times and report the median (a single 0.1 s scan is at the mercy of the scheduler).")
    var scans = 5

    @Option(help: "Seed of the workload generator.")
    var seed: UInt64 = 42

    func validate() throws {
        guard scans > 0 else { throw ValidationError("--scans must be positive") }
        guard events > 0 else { throw ValidationError("--events must be positive") }
        guard ["fsync", "none"].contains(durability) else { throw ValidationError("--durability must be fsync or none") }
        if let keep, FileManager.default.fileExists(atPath: keep),
            let contents = try? FileManager.default.contentsOfDirectory(atPath: keep), !contents.isEmpty
        {
            throw ValidationError("--keep \(keep) exists and is not empty; choose a new directory")
        }
    }

    func run() async throws {
        let progress = Progress(enabled: !json)
        progress.say("generating \(events) realistic events from \(samples) …")
        let workload = try RealisticWorkload(samplesDirectory: samples)
        let generated = workload.events(count: events, seed: seed)
        let rawPayloadBytes = generated.reduce(0) { $0 + $1.payload.count }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("leafsync-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let logDirectory = keep ?? scratch + "/log"
        let chunk = 1_000

        // 1. The event log.
        let policy: EventLogOptions.Durability = durability == "fsync" ? .group : .none
        progress.say("appending to the event log (durability \(policy), \(Self.appenders) concurrent appenders) …")
        let writer = try EventLogWriter(directory: logDirectory, options: EventLogOptions(durability: policy))
        let chunks = stride(from: 0, to: generated.count, by: chunk).map { generated[$0..<min($0 + chunk, generated.count)] }
        let (_, appendSeconds) = try await Stopwatch.measureAsync {
            // A few producers append concurrently, as fetch loops and the dispatcher do; each
            // append still returns only once its events are durable (group commit).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for appender in 0..<Self.appenders {
                    group.addTask {
                        for index in stride(from: appender, to: chunks.count, by: Self.appenders) {
                            try await writer.append(Array(chunks[index]))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        await writer.close()
        let stats = try LogInspector.stats(directory: logDirectory).stats

        // 2. The baseline.
        progress.say("inserting into the SQLite baseline …")
        let table = try SQLiteEventTable(path: scratch + "/events.sqlite", synchronous: durability == "fsync" ? "FULL" : "OFF")
        let (_, baselineAppendSeconds) = try Stopwatch.measure {
            try table.append(generated, rowsPerTransaction: chunk)
        }
        let sqliteBytes = Self.fileSize(scratch + "/events.sqlite") + Self.fileSize(scratch + "/events.sqlite-wal")

        // 3. Full scans, each materialising every event: the log as the writer left it, then
        // compacted (`leafsync log compact`: the same batches re-encoded with LZ4HC), then the baseline.
        progress.say("scanning the log as written …")
        let writtenScan = try Self.scanLog(logDirectory, times: scans)
        progress.say("compacting the log …")
        let (compaction, compactSeconds) = try Stopwatch.measure { try LogCompactor(directory: logDirectory).compact() }
        progress.say(compaction.description)
        let compacted = try LogInspector.stats(directory: logDirectory).stats
        progress.say("scanning the compacted log …")
        let compactedScan = try Self.scanLog(logDirectory, times: scans)
        let (viewed, viewSeconds) = try Stopwatch.measure { () throws -> UInt64 in
            try EventLogReader(directory: logDirectory).cursor(from: 1).forEachView { _ in }
        }
        progress.say("zero-copy scan: \(viewed) events at \(Int(Double(viewed) / viewSeconds)) events/s")
        progress.say("scanning the SQLite baseline …")
        let (baselineScanned, baselineScanSeconds) = try Stopwatch.median(of: scans) { try table.scan() }
        for scanned in [writtenScan.scanned, compactedScan.scanned]
        where
            scanned.count != events || baselineScanned.count != events || scanned.bytes != baselineScanned.payloadBytes
        {
            throw ValidationError("scan mismatch: log \(scanned), baseline \(baselineScanned), expected \(events) events")
        }

        let result = LogBenchmarkResult(
            events: events, durability: durability, payloadBytes: rawPayloadBytes,
            appendEventsPerSecond: Double(events) / appendSeconds,
            baselineAppendEventsPerSecond: Double(events) / baselineAppendSeconds,
            appendMegabytesPerSecond: Double(stats.uncompressedBytes) / 1e6 / appendSeconds,
            scanEventsPerSecond: Double(events) / compactedScan.seconds,
            uncompactedScanEventsPerSecond: Double(events) / writtenScan.seconds,
            baselineScanEventsPerSecond: Double(events) / baselineScanSeconds,
            compactionMegabytesPerSecond: Double(compaction.rawBytes) / 1e6 / compactSeconds,
            compressionRatio: compacted.compressionRatio, uncompactedCompressionRatio: stats.compressionRatio,
            logBytesOnDisk: compacted.bytesOnDisk, baselineBytesOnDisk: sqliteBytes,
            keptLog: keep
        )
        print(json ? result.json() : result.table())
    }

    static let appenders = 4

    /// The median of `times` full materialising scans of the log at `directory`.
    static func scanLog(_ directory: String, times: Int) throws -> (scanned: (count: Int, bytes: Int), seconds: Double) {
        let reader = try EventLogReader(directory: directory)
        let (scanned, seconds) = try Stopwatch.median(of: times) { () throws -> (count: Int, bytes: Int) in
            let cursor = try reader.cursor(from: 1)
            var count = 0, bytes = 0
            while let event = try cursor.next() {
                count += 1
                bytes += event.payload.count
            }
            return (count, bytes)
        }
        return (scanned, seconds)
    }

    static func fileSize(_ path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }
}

/// Progress lines on standard error, so `--json` output stays clean.
struct Progress {
    let enabled: Bool
    func say(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

struct LogBenchmarkResult {
    var events: Int
    var durability: String
    var payloadBytes: Int
    var appendEventsPerSecond: Double
    var baselineAppendEventsPerSecond: Double
    var appendMegabytesPerSecond: Double
    /// The compacted log's (the headline: what `leafsync log compact` leaves).
    var scanEventsPerSecond: Double
    /// The log as the writer left it (LZ4's fast encoder).
    var uncompactedScanEventsPerSecond: Double
    var baselineScanEventsPerSecond: Double
    /// Uncompressed megabytes re-encoded per second by `LogCompactor`.
    var compactionMegabytesPerSecond: Double
    var compressionRatio: Double
    var uncompactedCompressionRatio: Double
    var logBytesOnDisk: UInt64
    var baselineBytesOnDisk: UInt64
    var keptLog: String?

    var appendRatio: Double { appendEventsPerSecond / baselineAppendEventsPerSecond }
    var scanRatio: Double { scanEventsPerSecond / baselineScanEventsPerSecond }
    var uncompactedScanRatio: Double { uncompactedScanEventsPerSecond / baselineScanEventsPerSecond }

    /// One JSON object, members sorted, rates rounded as the table shows them.
    func json() -> String {
        func rounded(_ value: Double, _ places: Double) -> JSONValue { .double((value * places).rounded() / places) }
        var object: JSONObject = [
            "events": .int(events), "durability": .string(durability), "payload_bytes": .int(payloadBytes),
            "append_events_per_s": rounded(appendEventsPerSecond, 1),
            "baseline_append_events_per_s": rounded(baselineAppendEventsPerSecond, 1),
            "append_ratio": rounded(appendRatio, 100), "append_mb_per_s": rounded(appendMegabytesPerSecond, 10),
            "scan_events_per_s": rounded(scanEventsPerSecond, 1), "baseline_scan_events_per_s": rounded(baselineScanEventsPerSecond, 1),
            "scan_ratio": rounded(scanRatio, 100), "uncompacted_scan_events_per_s": rounded(uncompactedScanEventsPerSecond, 1),
            "uncompacted_scan_ratio": rounded(uncompactedScanRatio, 100), "compaction_mb_per_s": rounded(compactionMegabytesPerSecond, 10),
            "compression_ratio": rounded(compressionRatio, 100), "uncompacted_compression_ratio": rounded(uncompactedCompressionRatio, 100),
            "log_bytes_on_disk": .number(String(logBytesOnDisk)), "baseline_bytes_on_disk": .number(String(baselineBytesOnDisk)),
        ]
        if let keptLog { object["kept_log"] = .string(keptLog) }
        return JSONWriter.canonical(.object(object))
    }

    func table() -> String {
        func rate(_ value: Double) -> String { String(format: "%12.0f", value) }
        func ratio(_ value: Double) -> String { String(format: "%6.2fx", value) }
        return """

            leafsync-bench log: \(events) events, \(payloadBytes / 1_000_000) MB of payload, durability \(durability) on both sides
                                      event log    SQLite baseline     ratio
            append (events/s)      \(rate(appendEventsPerSecond))  \(rate(baselineAppendEventsPerSecond))    \(ratio(appendRatio))
            full scan (events/s)   \(rate(scanEventsPerSecond))  \(rate(baselineScanEventsPerSecond))    \(ratio(scanRatio))   compacted log
              as written           \(rate(uncompactedScanEventsPerSecond))  \(rate(baselineScanEventsPerSecond))    \(ratio(uncompactedScanRatio))   before compaction
            bytes on disk          \(String(format: "%12d", logBytesOnDisk))  \(String(format: "%12d", baselineBytesOnDisk))    \(ratio(Double(baselineBytesOnDisk) / Double(max(logBytesOnDisk, 1))))
            append MB/s (uncompressed)  \(String(format: "%.1f", appendMegabytesPerSecond))
            compaction MB/s (uncompressed)  \(String(format: "%.1f", compactionMegabytesPerSecond))
            compression ratio           \(String(format: "%.2f", compressionRatio)) compacted, \(String(format: "%.2f", uncompactedCompressionRatio)) as written
            \(keptLog.map { "log kept in \($0)" } ?? "")
            """
    }
}
