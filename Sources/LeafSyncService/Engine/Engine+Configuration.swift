public import DistruAPI
import HTTPClientSupport
public import LeafLinkAPI
public import LeafSyncDispatch
import MetrcAPI

extension Engine.Parts {
    /// The engine's parts as a loaded configuration describes them: the clients of the remotes it
    /// configures, their webhook secrets, sync-error mail, and the scheduler's tick. What
    /// `leafsync run` and `leafsync demo` start.
    public init(_ configuration: ServiceConfiguration) throws {
        var options = Dispatcher.Options()
        options.tickEvery = .seconds(Int64(configuration.tickSeconds))
        self.init(
            directory: configuration.directory,
            leafLink: configuration.leafLink.map { LeafLinkClient(configuration: $0.apiConfiguration) },
            distru: configuration.distru.map { DistruClient(configuration: $0.apiConfiguration) },
            metrc: configuration.metrc.map { MetrcWrites(client: MetrcClient(configuration: $0.apiConfiguration), license: $0.license) },
            leafLinkWebhookKey: configuration.leafLink?.webhookKey?.value, distruWebhookSecret: configuration.distru?.webhookSecret?.value,
            mailer: try configuration.errorMailer(), options: options)
    }
}
