import ArgumentParser

/// `leafsync-sim`: local look-alikes of the remote systems LeafSync talks to, one subcommand
/// each: `leaflink`, `distru` and `metrc`.
@main
struct LeafSyncSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leafsync-sim",
        abstract: "Serve simulated LeafLink / Distru / Metrc APIs on loopback.",
        subcommands: [LeafLinkCommand.self, DistruCommand.self, MetrcCommand.self]
    )
}

/// Options every simulator shares.
struct ServeOptions: ParsableArguments {
    @Option(help: "Port to listen on; 0 picks a free port (printed).")
    var port: Int = 0

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Directory of seed JSON files (default: the demo data in data/demo/<system>).")
    var seed: String?
}
