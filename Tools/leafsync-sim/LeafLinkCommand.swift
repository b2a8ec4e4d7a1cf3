import ArgumentParser
import Foundation
import Hummingbird
import LeafLinkSimulator
import SimulatorSupport

/// `leafsync-sim leaflink --port P [--seed DIR] [--api-key KEY] [--webhook-url URL --webhook-key KEY]`
struct LeafLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaflink", abstract: "Serve a LeafLink Marketplace API v2 simulator.")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("api-key"), help: "API key accepted as 'Authorization: App <key>' (repeatable).")
    var apiKeys: [String] = []

    @Option(name: .customLong("webhook-url"), help: "Where to POST signed order/product webhooks.")
    var webhookURL: String?

    @Option(name: .customLong("webhook-key"), help: "Key for the LL-Signature HMAC.")
    var webhookKey: String?

    @Option(name: .customLong("rate-limit"), help: "Requests per minute per key before 429 (LeafLink: 300).")
    var rateLimit: Int?

    func validate() throws {
        if (webhookURL == nil) != (webhookKey == nil) {
            throw ValidationError("--webhook-url and --webhook-key go together")
        }
    }

    func run() async throws {
        let directory = try SeedLocator.directory(explicit: serve.seed, system: "leaflink")
        let seed = try SimSeed(directory: directory)
        var faults = FaultSettings()
        faults.rateLimitPerMinute = rateLimit
        let simulator = await LeafLinkSimulator(
            seed: seed,
            apiKeys: apiKeys.isEmpty ? [LeafLinkSimulator.defaultAPIKey] : apiKeys,
            faults: faults,
            webhook: webhookURL.map { WebhookSender.Configuration(url: $0, key: webhookKey ?? "") })
        let keyNote = apiKeys.isEmpty ? " (API key: \(LeafLinkSimulator.defaultAPIKey))" : ""
        let host = serve.host
        let app = simulator.application(host: host, port: serve.port) { port in
            let banner = """
                LeafLink simulator listening on http://\(host):\(port)/api/v2/\(keyNote)
                seed: \(directory.path); control endpoints under http://\(host):\(port)/_sim/

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
    }
}

/// Finds seed data: `--seed DIR`, else `data/demo/<system>` under the working directory, else
/// under the repository this tool was built from.
enum SeedLocator {
    static func directory(explicit: String?, system: String) throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard FileManager.default.fileExists(atPath: url.path) else { throw ValidationError("no seed directory at \(explicit)") }
            return url
        }
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("data/demo/\(system)"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("data/demo/\(system)"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw ValidationError("no demo data found (looked in \(candidates.map(\.path).joined(separator: ", "))); pass --seed DIR")
        }
        return found
    }
}
