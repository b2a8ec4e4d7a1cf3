import ArgumentParser
import DistruSimulator
import Foundation
import Hummingbird
import SimulatorSupport

/// `leafsync-sim distru --port P [--seed DIR] [--api-key KEY] [--webhook-url URL --webhook-secret SECRET]`
struct DistruCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distru", abstract: "Serve a Distru public API v1 simulator.")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("api-key"), help: "API key accepted as 'Authorization: Bearer <key>' (repeatable).")
    var apiKeys: [String] = []

    @Option(name: .customLong("webhook-url"), help: "Where to POST signed webhooks (orders, products, invoices).")
    var webhookURL: String?

    @Option(name: .customLong("webhook-secret"), help: "Secret for the x-distru-signature HMAC.")
    var webhookSecret: String?

    func validate() throws {
        if (webhookURL == nil) != (webhookSecret == nil) {
            throw ValidationError("--webhook-url and --webhook-secret go together")
        }
    }

    func run() async throws {
        let directory = try SeedLocator.directory(explicit: serve.seed, system: "distru")
        let simulator = DistruSimulator(
            seed: try DistruSeed(directory: directory),
            apiKeys: apiKeys.isEmpty ? [DistruSimulator.defaultAPIKey] : apiKeys,
            webhook: webhookURL.map { WebhookSender.Configuration(url: $0, secret: webhookSecret ?? "") })
        let keyNote = apiKeys.isEmpty ? " (API key: \(DistruSimulator.defaultAPIKey))" : ""
        let host = serve.host
        let app = simulator.application(host: host, port: serve.port) { port in
            let banner = """
                Distru simulator listening on http://\(host):\(port)/public/v1/\(keyNote)
                seed: \(directory.path); control endpoints under http://\(host):\(port)/_sim/

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
    }
}
