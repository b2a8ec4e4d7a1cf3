import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncIngest
import LeafSyncJSON
import LeafSyncLog
import LeafSyncMail
import LeafSyncTestSupport
import Logging
import MetrcAPI
import MetrcSimulator

/// LeafSync as one process would run it, in the test: a tenant log on disk, the fetchers, the
/// dispatcher and its executor, talking HTTP on loopback to the two simulators (and Metrc's, when
/// the test gives one).
struct Engine {
    let directory: TemporaryDirectory
    let writer: EventLogWriter
    let dispatcher: Dispatcher
    let leafLink: LeafLinkClient
    let distru: DistruClient
    /// Where sync-error e-mails land (`OutboxDelivery`), unless the test gave a mailer.
    var outbox: String { directory.sub("outbox") }

    var logPath: String { directory.sub("log") }

    /// Records operator actions, as `leafsync` commands and the console do.
    func record(_ actions: OperatorAction...) async throws {
        _ = try await writer.append(try actions.map { try EventFactory.operatorAction($0) })
    }

    /// The engine's clock: a test clock, so a cycle can be ten minutes later without waiting.
    let clock: ManualTestClock

    /// `advance` later on the engine's clock, a scheduler tick, then everything ready and what
    /// it leads to. Ten minutes is past every poll and push interval of the default settings.
    @discardableResult
    func cycle(advancing advance: Duration = .seconds(600)) async throws -> Dispatcher.Report {
        clock.advance(by: advance)
        try await dispatcher.tick()
        return try await dispatcher.runOnce()
    }

    var state: SyncState { get async { await dispatcher.state } }
}

/// Runs `body` with both simulators (demo seeds unless given) and an engine wired to them, and to
/// `metrc` when given (templates created for the Main Warehouse's licence, transfers polled);
/// with `logs`, the clients, fetchers and dispatcher log into it.
func withEngine<T>(
    leafLinkSeed: SimSeed? = nil, distruSeed: DistruSeed? = nil, distruSettings: DistruSimSettings = DistruSimSettings(),
    metrc: RunningMetrcSimulator? = nil, configure: (inout Dispatcher.Options) -> Void = { _ in },
    mail: ErrorMailer? = nil, logs: LogCapture? = nil,
    _ body: (Engine, RunningSimulator, RunningDistruSimulator) async throws -> T
) async throws -> T {
    try await withSimulator(seed: leafLinkSeed) { ll in
        try await withDistru(seed: distruSeed, settings: distruSettings) { distru in
            let directory = TemporaryDirectory("engine")
            let writer = try EventLogWriter(directory: directory.sub("log"))
            var llClient = client(for: ll)
            var distruClient = client(for: distru)
            if let logs {
                llClient = LeafLinkClient(configuration: llClient.configuration, logger: logs.logger("leafsync.leaflink"))
                distruClient = DistruClient(configuration: distruClient.configuration, logger: logs.logger("leafsync.distru"))
            }
            let store = EventLogStore(writer: writer, directory: URL(fileURLWithPath: directory.sub("log")))
            let outbox = directory.sub("outbox")
            let metrcClient = metrc.map { client(for: $0) }
            let executor = CommandExecutor(
                leafLink: llClient, distru: distruClient, metrc: metrcClient.map { MetrcWrites(client: $0, license: MetrcDemo.mainWarehouse) },
                fetches: FetchRouter(
                    leafLink: LeafLinkFetcher(client: llClient, store: store, logger: logs?.logger("leafsync.ingest.leaflink")),
                    distru: DistruFetcher(client: distruClient, store: store, logger: logs?.logger("leafsync.ingest.distru")),
                    metrc: metrcClient.map { MetrcFetcher(client: $0, store: store) }),
                mail: mail ?? ErrorMailer(delivery: OutboxDelivery(directory: URL(fileURLWithPath: outbox))))
            let clock = ManualTestClock()
            let time = EngineClock(clock, origin: .now())
            var options = Dispatcher.Options()
            configure(&options)
            let dispatcher = try Dispatcher(
                writer: writer, directory: directory.sub("log"), executor: executor, time: time, options: options,
                logger: logs?.logger("leafsync.dispatch") ?? Logger(label: "leafsync.dispatch"))
            let engine = Engine(
                directory: directory, writer: writer, dispatcher: dispatcher, leafLink: llClient, distru: distruClient, clock: clock)
            do {
                let result = try await body(engine, ll, distru)
                await writer.close()
                return result
            } catch {
                await writer.close()
                throw error
            }
        }
    }
}
