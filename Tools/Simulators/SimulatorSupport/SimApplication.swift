public import Hummingbird
public import Logging

extension LoopbackServer {
    /// The Hummingbird application a simulator serves: `responder` on `host:port`, logging
    /// under `label` at `warning` unless a `logger` is given, reporting the bound port to
    /// `onRunning` (port 0 picks a free one).
    public static func application<Responder: HTTPResponder>(
        responder: Responder, host: String, port: Int, logger: Logger?, label: String,
        onRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol where Responder.Context == BasicRequestContext {
        var log = logger ?? Logger(label: label)
        if logger == nil { log.logLevel = .warning }
        return Application(
            responder: responder, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: log)
    }
}
