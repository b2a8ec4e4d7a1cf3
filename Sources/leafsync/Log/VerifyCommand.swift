import ArgumentParser
import LeafSyncLog

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every batch of a log: headers, checksums, decompression and records.",
        discussion: """
            Exits 0 when the log is sound. Otherwise prints the first problem with its segment file \
            and byte offset and exits 1: a torn tail (a crash cut the last write short; the next \
            writer truncates it, or run `leafsync log repair`) or corruption (run `leafsync log repair \
            --force` to move the damaged part aside).
            """
    )

    @OptionGroup var log: LogDirectoryArgument

    func run() throws {
        let inspection = try LogInspector.verify(directory: log.directory)
        let stats = inspection.stats
        if let problem = inspection.problem {
            printError("NOT SOUND: \(problem)")
            printError(
                "good part: \(stats.events) events (sequences \(stats.firstSequence)…\(stats.lastSequence)) before segment \(problem.segment) offset \(problem.offset)"
            )
            throw ExitCode(1)
        }
        print(
            "sound: \(stats.events) events in \(stats.segments) segments, \(stats.batches) batches, sequences \(stats.firstSequence)…\(stats.lastSequence)"
        )
    }
}
