import Foundation
public import Hummingbird
import LeafLinkAPI
public import Logging
import NIOCore
public import SimulatorSupport

/// A LeafLink v2 look-alike for tests and the demo: the state (``LeafLinkStore``), fault
/// settings (``FaultInjector``) and webhook delivery (``WebhookSender``), served over HTTP by
/// ``start(host:port:)`` or by an ``application(host:port:onRunning:)`` you run yourself.
public struct LeafLinkSimulator: Sendable {
    public let store: LeafLinkStore
    public let faults: FaultInjector
    public let webhooks: WebhookSender
    /// Keys accepted as `Authorization: App <key>` (or `Token <key>`).
    public let apiKeys: Set<String>

    public static let defaultAPIKey = "sim-leaflink-key"

    public init(
        seed: SimSeed = SimSeed(), apiKeys: [String] = [LeafLinkSimulator.defaultAPIKey],
        faults: FaultSettings = FaultSettings(), webhook: WebhookSender.Configuration? = nil
    ) async {
        self.store = await LeafLinkStore(seed: seed)
        self.faults = FaultInjector(settings: faults)
        self.webhooks = WebhookSender(configuration: webhook)
        self.apiKeys = Set(apiKeys)
    }

    public var responder: SimulatorResponder { SimulatorResponder(simulator: self) }

    func flushWebhooks() async {
        let messages = await store.drainOutbox()
        if !messages.isEmpty { await webhooks.send(messages.map(\.body)) }
    }

    /// The Hummingbird application serving this simulator.
    public func application(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        LoopbackServer.application(
            responder: responder, host: host, port: port, logger: logger, label: "leafsync.sim.leaflink", onRunning: onRunning)
    }

    /// Starts serving in this process and returns once it listens (port 0 picks a free port).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningSimulator {
        let server = try await LoopbackServer.start(host: host, port: port, name: "LeafLink simulator") { onRunning in
            application(host: host, port: port, onRunning: onRunning)
        }
        return RunningSimulator(simulator: self, server: server)
    }
}

/// A simulator serving on loopback; ``stop()`` ends it.
public struct RunningSimulator: Sendable {
    public let simulator: LeafLinkSimulator
    let server: LoopbackServer

    public var host: String { server.host }
    public var port: Int { server.port }
    /// `http://host:port/api/v2/`, the client's base URL.
    public var baseURL: String { "http://\(host):\(port)/api/v2/" }
    public var rootURL: String { "http://\(host):\(port)" }
    public var store: LeafLinkStore { simulator.store }

    /// Shuts the server down gracefully and waits until it has.
    public func stop() async {
        await simulator.webhooks.cancelAll()
        await server.stop()
    }
}
