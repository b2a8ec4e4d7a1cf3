import Foundation
public import Hummingbird
public import Logging
public import SimulatorSupport

/// A Metrc API v2 look-alike (transfers and templates) for tests and the demo: state and rules
/// (``MetrcStore``) and faults (``FaultInjector``), served by ``start(host:port:)`` or an
/// ``application(host:port:logger:onRunning:)`` you run. As strict as Metrc where LeafSync
/// depends on it: HTTP Basic with the vendor and user keys, `licenseNumber` on facility calls,
/// the v2 envelope with `pageSize` ≤ 20, windows of at most 24 hours, at most 10 objects per
/// write.
public struct MetrcSimulator: Sendable {
    public let store: MetrcStore
    public let faults: FaultInjector
    /// The integrator's key: the Basic user name.
    public let vendorKey: String
    /// The licensee's key: the Basic password.
    public let userKey: String

    public static let defaultVendorKey = "sim-metrc-vendor-key"
    public static let defaultUserKey = "sim-metrc-user-key"

    public init(
        seed: MetrcSeed = MetrcSeed(), vendorKey: String = MetrcSimulator.defaultVendorKey, userKey: String = MetrcSimulator.defaultUserKey,
        faults: FaultSettings = FaultSettings()
    ) {
        self.store = MetrcStore(seed: seed)
        self.faults = FaultInjector(settings: faults)
        self.vendorKey = vendorKey
        self.userKey = userKey
    }

    public var responder: MetrcResponder { MetrcResponder(simulator: self) }

    /// The `Authorization` value Metrc accepts for these keys.
    var expectedAuthorization: String { "Basic " + Data("\(vendorKey):\(userKey)".utf8).base64EncodedString() }

    /// The Hummingbird application serving this simulator.
    public func application(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        LoopbackServer.application(
            responder: responder, host: host, port: port, logger: logger, label: "leafsync.sim.metrc", onRunning: onRunning)
    }

    /// Starts serving in this process and returns once it listens (port 0 picks a free port).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningMetrcSimulator {
        let server = try await LoopbackServer.start(host: host, port: port, name: "Metrc simulator") { onRunning in
            application(host: host, port: port, onRunning: onRunning)
        }
        return RunningMetrcSimulator(simulator: self, server: server)
    }
}

/// A simulator serving on loopback; ``stop()`` ends it.
public struct RunningMetrcSimulator: Sendable {
    public let simulator: MetrcSimulator
    let server: LoopbackServer

    public var host: String { server.host }
    public var port: Int { server.port }
    /// `http://host:port/`, the client's base URL (Metrc paths start at the root).
    public var baseURL: String { "http://\(host):\(port)/" }
    public var rootURL: String { "http://\(host):\(port)" }
    public var store: MetrcStore { simulator.store }

    /// Shuts the server down gracefully and waits until it has.
    public func stop() async { await server.stop() }
}
