import ArgumentParser
import DistruAPI
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDispatch
import MetrcAPI
import LeafSyncService

/// Where the remotes are and their keys, read through the service's configuration
/// (``ServiceConfiguration/load(directory:file:environment:)``): `--config` (default
/// `<dir>/leafsync.yaml` when it exists), then the `LEAFSYNC_*` environment, then the URL options
/// over both. Keys come from the environment or the secrets file only; a remote given without its
/// key is an error naming the variable: there is no default key.
struct RemoteOptions: ParsableArguments {
    @Option(help: "The configuration file (default: <dir>/leafsync.yaml when it exists; `leafsync init` writes one).", completion: .file())
    var config: String?

    @Option(help: "LeafLink API v2 base URL (else LEAFSYNC_LEAFLINK_BASE_URL or leaflink.base_url), e.g. https://app.leaflink.com/api/v2/.")
    var leaflinkURL: String?

    @Option(help: "Distru public API base URL (else LEAFSYNC_DISTRU_BASE_URL or distru.base_url), e.g. https://app.distru.com/public/v1/.")
    var distruURL: String?

    /// The tenant's configuration, the URL options standing for the variables they override.
    func configuration(directory: String, environment: [String: String]) throws -> ServiceConfiguration {
        var environment = environment
        if let leaflinkURL { environment["LEAFSYNC_LEAFLINK_BASE_URL"] = leaflinkURL }
        if let distruURL { environment["LEAFSYNC_DISTRU_BASE_URL"] = distruURL }
        return try ServiceConfiguration.load(directory: directory, file: config, environment: environment)
    }

    /// A client for each configured remote.
    func remotes(directory: String, environment: [String: String], transport: (any HTTPTransport)? = nil, retry: RetryPolicy? = nil) throws -> Remotes {
        let configuration = try configuration(directory: directory, environment: environment)
        func client<V: APIVendor>(_ api: APIConfiguration<V>?) -> RemoteClient<V>? {
            guard var api else { return nil }
            if let retry { api.retry = retry }
            return transport.map { RemoteClient(configuration: api, httpClient: $0) } ?? RemoteClient(configuration: api)
        }
        return Remotes(
            leafLink: client(configuration.leafLink?.apiConfiguration), distru: client(configuration.distru?.apiConfiguration),
            metrc: configuration.metrc.flatMap { m in client(m.apiConfiguration).map { MetrcWrites(client: $0, license: m.license) } })
    }
}

/// The configured remote clients.
struct Remotes {
    var leafLink: LeafLinkClient?
    var distru: DistruClient?
    /// Metrc's client and the licence templates are created under.
    var metrc: MetrcWrites?
}
