import ArgumentParser
import Foundation
import LeafSyncLog

/// Full materialising scans of an existing log, for profiling the reader alone.
struct ScanBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an existing log from the start, materialising every event, and print events/s.",
        discussion: """
            The same scan as `leafsync-bench log` measures, on a log you have (e.g. one left by \
            `leafsync-bench log --keep DIR`), so it can be profiled on its own: \
            perf record -g leafsync-bench scan --log DIR --repeat 10
            """
    )

    @Option(help: "The log directory.")
    var log: String

    @Option(help: "How many scans.")
    var `repeat` = 3

    func run() throws {
        let reader = try EventLogReader(directory: log)
        for _ in 0..<max(1, `repeat`) {
            let (count, seconds) = try Stopwatch.measure { () throws -> Int in
                let cursor = try reader.cursor(from: 1)
                var count = 0, bytes = 0
                while let event = try cursor.next() {
                    count += 1
                    bytes += event.payload.count
                }
                return count + (bytes < 0 ? 1 : 0)
            }
            print("\(count) events in \(String(format: "%.3f", seconds)) s: \(Int(Double(count) / seconds)) events/s")
        }
    }
}
