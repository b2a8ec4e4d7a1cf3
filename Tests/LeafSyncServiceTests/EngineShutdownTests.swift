import DistruAPI
import Foundation
import GRDB
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncLog
import LeafSyncMail
import LeafSyncProjections
import LeafSyncService
import LeafSyncTestSupport
import Logging
import ServiceLifecycle
import Testing

@Suite("The engine as a service: graceful shutdown and restart")
struct EngineShutdownTests {
    /// Runs the engine's services until `steps` cycles of the test clock have passed, then shuts
    /// the group down gracefully (as SIGTERM does) and closes the log.
    static func run(_ parts: Engine.Parts, clock: ManualTestClock, cycles: Int, before: (Engine) async throws -> Void = { _ in }) async throws {
        let engine = try Engine(parts)
        try await before(engine)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: engine.services.map { .init(service: $0) }, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        let running = Task { try await group.run() }
        for _ in 0..<cycles {
            await clock.sleepers(atLeast: 1)  // the dispatcher waits for its next tick
            clock.advance(by: .seconds(600))
        }
        await clock.sleepers(atLeast: 1)
        await group.triggerGracefulShutdown()
        try await running.value
        await engine.close()
    }

    @Test("R-ENG-03, R-ORD-15: shut down gracefully mid-scenario and restarted, the engine ends where an uninterrupted run ends: one SO, its number on the LL order, the projections caught up")
    func shutdownThenRestart() async throws {
        try await withSimulator { ll in
            try await withDistru { distru in
                let tenant = TemporaryDirectory("engine")
                func parts(_ clock: ManualTestClock) -> Engine.Parts {
                    var options = Dispatcher.Options()
                    options.tickEvery = .seconds(600)
                    return Engine.Parts(
                        directory: tenant.path, leafLink: client(for: ll), distru: client(for: distru),
                        mailer: ErrorMailer(delivery: OutboxDelivery(directory: URL(fileURLWithPath: tenant.sub("outbox")))),
                        time: EngineClock(clock, origin: .now()), options: options)
                }
                // First run: the operator steps, one cycle (the fetch), then SIGTERM's graceful shutdown.
                let first = ManualTestClock()
                try await Self.run(parts(first), clock: first, cycles: 0) { engine in
                    _ = try await engine.writer.append(try DemoScenario.steps.map { try EventFactory.operatorAction($0) })
                }
                // Restarted: it resumes from the log and finishes.
                let clock = ManualTestClock()
                try await Self.run(parts(clock), clock: clock, cycles: 3)

                let id = DeterministicID.salesOrder(forLeafLinkOrder: DemoScenario.order)
                let orders = try await client(for: distru).orders().filter { $0.value.leaflinkOrderNumber == DemoScenario.order }
                #expect(orders.map(\.value.id.text) == [id])
                let order = try await client(for: ll).order(number: DemoScenario.order).value
                #expect(order.externalIds?["distru_sales_order"] == orders.first?.value.orderNumber)

                var state = SyncState()
                for event in try EventLogReader(directory: tenant.sub("log")).readAll() { _ = reduce(into: &state, recorded: event) }
                #expect(state.commands.pending.isEmpty)
                #expect(state.orders[DemoScenario.order]?.salesOrderID == id)
                // The projector followed the log to its end before it stopped.
                let database = try DatabaseQueue(path: TenantDirectory(tenant.path).projectionPath)
                let syncState = try await database.read {
                    try String.fetchOne($0, sql: "SELECT sync_state FROM sales_orders WHERE leaflink_order_number = ?", arguments: [DemoScenario.order])
                }
                #expect(syncState == "synced")
            }
        }
    }
}
