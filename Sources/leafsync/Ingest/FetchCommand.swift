import ArgumentParser
import DistruAPI
import Foundation
import LeafLinkAPI
import LeafSyncIngest
import LeafSyncLog
import LeafSyncProjections

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Run one fetch cycle: LeafLink and Distru records that changed go into the tenant's log.",
        discussion: """
            Fetches incrementally from each configured API (cursors live in the log, so the next run \
            resumes where this one stopped) and appends every record whose content changed, as the \
            exact bytes received; unchanged records append nothing. The remotes come from \
            DIR/leafsync.yaml (or --config), the LEAFSYNC_* variables and the URL options; API keys \
            from the environment (LEAFSYNC_LEAFLINK_API_KEY, LEAFSYNC_DISTRU_API_KEY) or the secrets \
            file only, never from the command line. A remote without its key is an error: there is \
            no default key.

            Example, against the local simulators (`leafsync-sim leaflink --port 0` prints its URL):
              export LEAFSYNC_LEAFLINK_API_KEY=sim-leaflink-key LEAFSYNC_DISTRU_API_KEY=sim-distru-key
              leafsync fetch --dir data/tenants/demo --leaflink-url http://127.0.0.1:8081/api/v2/ \\
                  --distru-url http://127.0.0.1:8082/public/v1/
            """
    )

    @OptionGroup var tenant: TenantOption
    @OptionGroup var remotes: RemoteOptions

    func run() async throws {
        let clients = try remotes.remotes(directory: tenant.directory, environment: ProcessInfo.processInfo.environment)
        if clients.leafLink == nil && clients.distru == nil {
            throw ValidationError(
                "no remote is configured: give --leaflink-url, --distru-url or both (or set LEAFSYNC_LEAFLINK_BASE_URL, LEAFSYNC_DISTRU_BASE_URL, or base_url in leafsync.yaml)"
            )
        }
        let writer = try EventLogWriter(directory: tenant.tenant.logPath, options: EventLogOptions(durability: .group))
        if let recovery = writer.recovery { printError("note: \(recovery)") }
        let store = EventLogStore(writer: writer, directory: URL(fileURLWithPath: tenant.tenant.logPath))
        do {
            if let client = clients.leafLink {
                let fetcher = LeafLinkFetcher(client: client, store: store)
                try await fetcher.restore()
                for pass in try await fetcher.fetchCycle() {
                    print(
                        "leaflink \(pass.resource.rawValue): \(pass.received) received, \(pass.appended) appended, \(pass.unchanged) unchanged"
                    )
                }
            }
            if let client = clients.distru {
                let fetcher = DistruFetcher(client: client, store: store)
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
