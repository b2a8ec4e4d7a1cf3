import ArgumentParser
import LeafSyncLog

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Re-encode the log's batches with LZ4's high-compression encoder: smaller, faster to scan.",
        discussion: """
            The writer compresses with LZ4's fast encoder so appends stay quick; compaction re-encodes \
            the batches it wrote (same events, same sequences) about a third smaller, and they \
            decompress about 40 % faster, so replays, rebuilds and audits read faster. Each segment \
            is rewritten beside itself and renamed into place: readers may run meanwhile, and a crash \
            leaves every segment whole. Segments already compacted are skipped, so it is cheap to run \
            again (e.g. nightly). Refuses to run while a writer has the log open, and stops at a torn \
            or corrupt batch (run `leafsync log repair` first).

            Example:
              leafsync log compact data/tenants/acme/log
            """
    )

    @OptionGroup var log: LogDirectoryArgument

    func run() throws {
        let report = try LogCompactor(directory: log.directory).compact { progress in
            printError("\(progress.done)/\(progress.total) \(progress.segment): \(progress.compacted ? "compacted" : "already compacted")")
        }
        print(report.description)
    }
}
