import ArgumentParser

/// `leafsync-bench`: benchmarks that measure LeafSync against the alternative a user would pick,
/// in the same process and run, and print both with their ratio.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leafsync-bench",
        abstract: "Benchmarks for LeafSync. Build in release mode: swift run -c release leafsync-bench …",
        subcommands: [LogBenchmark.self, RebuildBenchmark.self, RebuildProfile.self, ScanBenchmark.self, WebhookBenchmark.self]
    )
}
