public import Hummingbird
import Logging

extension Engine {
    /// The service's HTTP server on `host:port` (0: a free port): webhooks, health, readiness,
    /// metrics, and what `extend` adds (the admin API). `onRunning` gets the bound port once it
    /// listens. A swift-service-lifecycle `Service`: put it last in the group so that it stops
    /// first (no webhook is taken in after the dispatcher has stopped).
    public func application(
        host: String, port: Int, metrics: ServiceMetrics = .shared, extend: (Router<BasicRequestContext>) -> Void = { _ in },
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = ServiceHTTP.router(endpoints: endpoints, metrics: metrics)
        extend(router)
        var quiet = Logger(label: "leafsync.http")
        quiet.logLevel = .warning
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "LeafSync"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: quiet)
    }
}
