import ArgumentParser
import Foundation
import LeafSyncJSON
import LeafSyncLog

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print a log's size: events, segments, bytes on disk, compression ratio.",
        discussion: "Reads batch headers only, so it is fast on large logs; use `verify` to check bodies too."
    )

    @OptionGroup var log: LogDirectoryArgument

    @Flag(help: "Print one JSON object (events, segments, first_seq, last_seq, bytes_on_disk, uncompressed_bytes, compression_ratio, …).")
    var json = false

    func run() throws {
        let inspection = try LogInspector.stats(directory: log.directory)
        let stats = inspection.stats
        if json {
            print(
                JSONWriter.canonical([
                    "events": .number(String(stats.events)), "segments": .int(stats.segments), "batches": .int(stats.batches),
                    "first_seq": .number(String(stats.firstSequence)), "last_seq": .number(String(stats.lastSequence)),
                    "bytes_on_disk": .number(String(stats.bytesOnDisk)), "uncompressed_bytes": .number(String(stats.uncompressedBytes)),
                    "compression_ratio": .double(stats.compressionRatio),
                ]))
        } else {
            print(
                """
                events             \(stats.events)
                sequences          \(stats.firstSequence)…\(stats.lastSequence)
                segments           \(stats.segments)
                batches            \(stats.batches)
                bytes on disk      \(stats.bytesOnDisk) (\(ByteFormat.human(stats.bytesOnDisk)))
                uncompressed       \(stats.uncompressedBytes) (\(ByteFormat.human(stats.uncompressedBytes)))
                compression ratio  \(String(format: "%.2f", stats.compressionRatio))
                """)
        }
        if let problem = inspection.problem {
            printError("warning: counts stop at the first problem: \(problem)")
            throw ExitCode(1)
        }
    }
}

enum ByteFormat {
    static func human(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
