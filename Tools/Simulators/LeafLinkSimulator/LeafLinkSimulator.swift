import Foundation
import Hummingbird
import LeafLinkAPI
import Logging
import NIOCore
import ServiceLifecycle

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
        var log = logger ?? Logger(label: "leafsync.sim.leaflink")
        if logger == nil { log.logLevel = .warning }
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: log)
    }

    /// Starts serving in this process and returns once it listens (port 0 picks a free port).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningSimulator {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = application(host: host, port: port) { port in
            continuation.yield(port)
            continuation.finish()
        }
        var quiet = Logger(label: "leafsync.sim.leaflink.lifecycle")
        quiet.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let task = Task {
            do { try await group.run() } catch { continuation.finish() }
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            throw SimulatorStartError(host: host, port: port)
        }
        return RunningSimulator(simulator: self, host: host, port: bound, group: group, task: task)
    }
}

/// A simulator serving on loopback; ``stop()`` ends it.
public struct RunningSimulator: Sendable {
    public let simulator: LeafLinkSimulator
    public let host: String
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, Never>

    /// `http://host:port/api/v2/`, the client's base URL.
    public var baseURL: String { "http://\(host):\(port)/api/v2/" }
    public var rootURL: String { "http://\(host):\(port)" }
    public var store: LeafLinkStore { simulator.store }

    /// Shuts the server down gracefully and waits until it has.
    public func stop() async {
        await simulator.webhooks.cancelAll()
        await group.triggerGracefulShutdown()
        await task.value
    }
}

public struct SimulatorStartError: Error, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var description: String { "the LeafLink simulator could not listen on \(host):\(port) (port in use?)" }
}
