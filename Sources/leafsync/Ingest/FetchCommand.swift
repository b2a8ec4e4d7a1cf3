import ArgumentParser
import DistruAPI
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncIngest
import LeafSyncLog
import LeafSyncProjections

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Run one fetch cycle: LeafLink and Distru records that changed go into the tenant's log.",
        discussion: """
            Fetches incrementally from each API given (cursors live in the log, so the next run \
            resumes where this one stopped) and appends every record whose content changed, as the \
            exact bytes received; unchanged records append nothing. API keys come from the \
            environment, never from the command line: LEAFSYNC_LEAFLINK_API_KEY and \
            LEAFSYNC_DISTRU_API_KEY (the simulators' keys are the defaults when unset).

            Example, against the local simulators (`leafsync-sim leaflink --port 0` prints its URL):
              leafsync fetch --dir data/tenants/demo --leaflink-url http://127.0.0.1:8081/api/v2/ \\
                  --distru-url http://127.0.0.1:8082/public/v1/
            """
    )

    @OptionGroup var tenant: TenantOption

    @Option(help: "LeafLink API v2 base URL, e.g. https://app.leaflink.com/api/v2/.")
    var leaflinkURL: String?

    @Option(help: "Distru public API base URL, e.g. https://app.distru.com/public/v1/.")
    var distruURL: String?

    func validate() throws {
        if leaflinkURL == nil && distruURL == nil { throw ValidationError("give --leaflink-url, --distru-url or both") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let writer = try EventLogWriter(directory: tenant.tenant.logPath, options: EventLogOptions(durability: .group))
        if let recovery = writer.recovery { printError("note: \(recovery)") }
        let store = EventLogStore(writer: writer, directory: URL(fileURLWithPath: tenant.tenant.logPath))
        do {
            if let leaflinkURL {
                let key = environment["LEAFSYNC_LEAFLINK_API_KEY"] ?? "sim-leaflink-key"
                let fetcher = LeafLinkFetcher(
                    client: LeafLinkClient(configuration: LeafLinkConfiguration(baseURL: leaflinkURL, apiKey: key)), store: store)
                try await fetcher.restore()
                for pass in try await fetcher.fetchCycle() {
                    print(
                        "leaflink \(pass.resource.rawValue): \(pass.received) received, \(pass.appended) appended, \(pass.unchanged) unchanged"
                    )
                }
            }
            if let distruURL {
                let key = environment["LEAFSYNC_DISTRU_API_KEY"] ?? "sim-distru-key"
                let fetcher = DistruFetcher(
                    client: DistruClient(configuration: DistruConfiguration(baseURL: distruURL, apiKey: key)), store: store)
                try await fetcher.restore()
                for pass in try await fetcher.fetchCycle() {
                    print(
                        "distru \(pass.resource.rawValue): \(pass.received) received, \(pass.appended) appended, \(pass.unchanged) unchanged\(pass.deleted > 0 ? ", \(pass.deleted) deleted" : "")"
                    )
                }
            }
        } catch {
            await writer.close()
            throw error
        }
        print("log at sequence \(writer.lastSequence)")
        await writer.close()
    }
}
