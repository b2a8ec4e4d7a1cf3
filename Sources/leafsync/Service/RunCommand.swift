import ArgumentParser
import DistruAPI
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncLog
import LeafSyncMail
import LeafSyncProjections
import LeafSyncService
import Logging
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run LeafSync: fetch, decide, send, project, and serve webhooks, health, metrics and the admin API, until stopped.",
        discussion: """
            One process for a tenant: the scheduler's polls and push cycles, the dispatcher, the \
            background projector, sync-error e-mail, and an HTTP port with POST /webhooks/leaflink, \
            POST /webhooks/distru, GET /healthz, /readyz, /metrics, the admin API under /admin/v1 \
            (with LEAFSYNC_ADMIN_TOKEN set; its OpenAPI document at /openapi.yaml) and the operator \
            console under /console/ (web pages; sign in with the same token).

            Configuration: DIR/leafsync.yaml (`leafsync init --dir DIR` writes a commented one) or \
            --config FILE, overridden by LEAFSYNC_* variables; secrets only from the environment or \
            a secrets file. A missing or bad value stops it at start, naming the field or variable.

            SIGTERM or SIGINT stops it gracefully: the HTTP port first (no new webhooks), then the \
            dispatcher (calls in flight are abandoned safely and sent again at the next start), then \
            the projector (its batch committed); the log is flushed and it exits 0. While it runs, \
            DIR/service.json names its port, and the operator commands talk to it.

            Example, against the local simulators:
              leafsync init --dir T
              export LEAFSYNC_LEAFLINK_BASE_URL=http://127.0.0.1:8081/api/v2/ LEAFSYNC_LEAFLINK_API_KEY=…
              export LEAFSYNC_DISTRU_BASE_URL=http://127.0.0.1:8082/public/v1/ LEAFSYNC_DISTRU_API_KEY=…
              leafsync run --dir T
            """
    )

    @OptionGroup var tenant: TenantOption

    @Option(help: "The configuration file (default: <dir>/leafsync.yaml when it exists).", completion: .file())
    var config: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServiceConfiguration.load(directory: tenant.directory, file: config, environment: environment)
        let engine = try Engine(try Engine.Parts(configuration))
        let token = configuration.adminToken?.value
        let serviceFile = URL(fileURLWithPath: tenant.directory).appendingPathComponent("service.json")
        let host = configuration.httpHost
        let app = engine.application(
            host: host, port: configuration.httpPort,
            extend: { router in
                guard let token else { return }
                AdminAPI.addRoutes(to: router, desk: engine.desk, token: token)
                Console.addRoutes(to: router, engine: engine, configuration: configuration, token: token)
            },
            onRunning: { port in
                let record = "{\"pid\":\(ProcessInfo.processInfo.processIdentifier),\"url\":\"http://\(host):\(port)/\"}\n"
                try? Data(record.utf8).write(to: serviceFile, options: .atomic)
                say(
                    "leafsync: serving on http://\(host):\(port)/ (webhooks, healthz, readyz, metrics\(token == nil ? "; admin API and console off: no LEAFSYNC_ADMIN_TOKEN" : ", admin API, console at http://\(host):\(port)/console/"))"
                )
            })
        say("leafsync: \(configuration)")
        var logger = Logger(label: "leafsync.run")
        logger.logLevel = .notice
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: engine.services.map { .init(service: $0) } + [.init(service: app)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? FileManager.default.removeItem(at: serviceFile)
            await engine.close()
            throw error
        }
        try? FileManager.default.removeItem(at: serviceFile)
        await engine.close()
        say("leafsync: stopped at log sequence \(engine.writer.lastSequence)")
    }
}
