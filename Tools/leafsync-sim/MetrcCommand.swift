import ArgumentParser
import Foundation
import Hummingbird
import MetrcSimulator

/// `leafsync-sim metrc --port P [--seed DIR] [--vendor-key K --user-key K]`
struct MetrcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrc", abstract: "Serve a Metrc API v2 simulator (transfers and templates).")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("vendor-key"), help: "Vendor key accepted as the HTTP Basic user name.")
    var vendorKey: String?

    @Option(name: .customLong("user-key"), help: "User key accepted as the HTTP Basic password.")
    var userKey: String?

    func validate() throws {
        if (vendorKey == nil) != (userKey == nil) { throw ValidationError("--vendor-key and --user-key go together") }
    }

    func run() async throws {
        let directory = try SeedLocator.directory(explicit: serve.seed, system: "metrc")
        let simulator = MetrcSimulator(
            seed: try MetrcSeed(directory: directory), vendorKey: vendorKey ?? MetrcSimulator.defaultVendorKey,
            userKey: userKey ?? MetrcSimulator.defaultUserKey)
        let keyNote =
            vendorKey == nil ? " (vendor key: \(MetrcSimulator.defaultVendorKey), user key: \(MetrcSimulator.defaultUserKey))" : ""
        let host = serve.host
        let app = simulator.application(host: host, port: serve.port) { port in
            let banner = """
                Metrc simulator listening on http://\(host):\(port)/\(keyNote)
                seed: \(directory.path); control endpoints under http://\(host):\(port)/_sim/

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
    }
}
