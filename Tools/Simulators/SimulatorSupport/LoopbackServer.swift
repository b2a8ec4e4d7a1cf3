public import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird application serving in this process (tests, the demo), stopped gracefully so
/// shutting it down logs no errors.
public struct LoopbackServer: Sendable {
    public let host: String
    /// The bound port (port 0 asks for a free one).
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, Never>

    /// Runs the application `make` builds, handing it the callback that reports the bound port,
    /// and returns once it listens. `name` is used in the error when it cannot listen.
    public static func start<App: ApplicationProtocol>(
        host: String, port: Int, name: String, _ make: (@escaping @Sendable (Int) async -> Void) -> App
    ) async throws -> LoopbackServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = make { port in
            continuation.yield(port)
            continuation.finish()
        }
        var quiet = Logger(label: "leafsync.sim.lifecycle")
        quiet.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let task = Task {
            do { try await group.run() } catch { continuation.finish() }
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            throw SimulatorStartError(name: name, host: host, port: port)
        }
        return LoopbackServer(host: host, port: bound, group: group, task: task)
    }

    /// Shuts the server down gracefully and waits until it has.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}

public struct SimulatorStartError: Error, CustomStringConvertible {
    public var name: String
    public var host: String
    public var port: Int
    public var description: String { "the \(name) could not listen on \(host):\(port) (port in use?)" }
}
