import ArgumentParser
import DistruAPI
import Foundation
import HTTPClientSupport
import LeafLinkAPI

/// Where the remotes are, from options or the environment, and their keys, from the environment
/// only. A remote given without its key is an error naming the variable: there is no default key.
struct RemoteOptions: ParsableArguments {
    @Option(help: "LeafLink API v2 base URL (else LEAFSYNC_LEAFLINK_BASE_URL), e.g. https://app.leaflink.com/api/v2/.")
    var leaflinkURL: String?

    @Option(help: "Distru public API base URL (else LEAFSYNC_DISTRU_BASE_URL), e.g. https://app.distru.com/public/v1/.")
    var distruURL: String?

    /// What was configured, with keys read from `environment`.
    func remotes(_ environment: [String: String], transport: (any HTTPTransport)? = nil, retry: RetryPolicy? = nil) throws -> Remotes {
        func client<V: APIVendor>(_ vendor: V.Type, url: String?, urlVariable: String, keyVariable: String) throws -> RemoteClient<V>? {
            guard let url = url ?? environment[urlVariable], !url.isEmpty else { return nil }
            guard let key = environment[keyVariable], !key.isEmpty else {
                throw ValidationError(
                    "\(V.name) is configured (\(url)) but \(keyVariable) is not set: export the API key in that variable (keys are never taken from the command line, and there is no default key)"
                )
            }
            var configuration = APIConfiguration<V>(baseURL: url, apiKey: key)
            if let retry { configuration.retry = retry }
            return transport.map { RemoteClient(configuration: configuration, httpClient: $0) } ?? RemoteClient(configuration: configuration)
        }
        return Remotes(
            leafLink: try client(LeafLinkVendor.self, url: leaflinkURL, urlVariable: "LEAFSYNC_LEAFLINK_BASE_URL", keyVariable: "LEAFSYNC_LEAFLINK_API_KEY"),
            distru: try client(DistruVendor.self, url: distruURL, urlVariable: "LEAFSYNC_DISTRU_BASE_URL", keyVariable: "LEAFSYNC_DISTRU_API_KEY"))
    }
}

/// The configured remote clients.
struct Remotes {
    var leafLink: LeafLinkClient?
    var distru: DistruClient?
}
