import DistruAPI
import Foundation
public import Hummingbird
public import Logging
import NIOCore
public import SimulatorSupport

/// A Distru public API v1 look-alike for tests and the demo: state and rules
/// (``DistruStore``), faults (``FaultInjector``) and signed webhooks (``WebhookSender``),
/// served by ``start(host:port:)`` or an ``application(host:port:logger:onRunning:)`` you run.
public struct DistruSimulator: Sendable {
    public let store: DistruStore
    public let faults: FaultInjector
    public let webhooks: WebhookSender
    /// Keys accepted as `Authorization: Bearer <key>`.
    public let apiKeys: Set<String>

    public static let defaultAPIKey = "sim-distru-key"

    public init(
        seed: DistruSeed = DistruSeed(), settings: DistruSimSettings = DistruSimSettings(),
        apiKeys: [String] = [DistruSimulator.defaultAPIKey], faults: FaultSettings = FaultSettings(),
        webhook: WebhookSender.Configuration? = nil
    ) {
        self.store = DistruStore(seed: seed, settings: settings)
        self.faults = FaultInjector(settings: faults)
        self.webhooks = WebhookSender(configuration: webhook)
        self.apiKeys = Set(apiKeys)
    }

    public var responder: DistruResponder { DistruResponder(simulator: self) }

    func flushWebhooks() async {
        let bodies = await store.drainOutbox()
        if !bodies.isEmpty { await webhooks.send(bodies) }
    }

    /// The Hummingbird application serving this simulator.
    public func application(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        LoopbackServer.application(
            responder: responder, host: host, port: port, logger: logger, label: "leafsync.sim.distru", onRunning: onRunning)
    }

    /// Starts serving in this process and returns once it listens (port 0 picks a free port).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningDistruSimulator {
        let server = try await LoopbackServer.start(host: host, port: port, name: "Distru simulator") { onRunning in
            application(host: host, port: port, onRunning: onRunning)
        }
        return RunningDistruSimulator(simulator: self, server: server)
    }
}

/// A simulator serving on loopback; ``stop()`` ends it.
public struct RunningDistruSimulator: Sendable {
    public let simulator: DistruSimulator
    let server: LoopbackServer

    public var host: String { server.host }
    public var port: Int { server.port }
    /// `http://host:port/public/v1/`, the client's base URL.
    public var baseURL: String { "http://\(host):\(port)/public/v1/" }
    public var rootURL: String { "http://\(host):\(port)" }
    public var store: DistruStore { simulator.store }

    /// Shuts the server down gracefully and waits until it has.
    public func stop() async {
        await simulator.webhooks.cancelAll()
        await server.stop()
    }
}
