import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafLinkSimulator
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("`leafsync dispatch --dry-run`")
struct DryRunTests {
    @Test("a dry run prints each ready command with the exact request it would send, the key masked, and writes nothing")
    func dryRunSendsNothing() async throws {
        try await withSimulator { ll in
            try await withDistru { distru in
                let tenant = TemporaryDirectory("dry-run")
                let environment = [
                    "LEAFSYNC_LEAFLINK_BASE_URL": ll.baseURL, "LEAFSYNC_LEAFLINK_API_KEY": LeafLinkSimulator.defaultAPIKey,
                    "LEAFSYNC_DISTRU_BASE_URL": distru.baseURL, "LEAFSYNC_DISTRU_API_KEY": DistruSimulator.defaultAPIKey,
                ]
                let leafsync = Products.executable("leafsync")
                func run(_ arguments: String...) async throws -> CommandResult {
                    try await offThread { try runCommand(leafsync, arguments, environment: environment) }
                }
                let fetched = try await run("fetch", "--dir", tenant.path, "--leaflink-url", ll.baseURL, "--distru-url", distru.baseURL)
                #expect(fetched.status == 0, "\(fetched.stderr)")
                // The operator's steps the demo order needs (rep mapped, products linked, a default location).
                for step in [
                    ["users", "map", "jane@seller.example", "501"], ["products", "link", "SWI-BAR-DAR-100", "2093"],
                    ["products", "accept", "2095"], ["settings", "set", "defaultSalesOrderLocationID=7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"],
                ] {
                    let recorded = try await offThread { try runCommand(leafsync, step + ["--dir", tenant.path], environment: environment) }
                    #expect(recorded.status == 0, "\(step): \(recorded.stderr)")
                }
                let before = try EventLogReader(directory: tenant.sub("log")).lastSequence()

                let dry = try await run("dispatch", "--dir", tenant.path, "--once", "--dry-run")
                #expect(dry.status == 0, "\(dry.stderr)")
                let id = DeterministicID.salesOrder(forLeafLinkOrder: "d23f0824-128b-4f33-8c5c-7fd0a6a3a450")
                #expect(dry.stdout.contains("POST \(distru.baseURL)orders?id=\(id)"), "\(dry.stdout)")
                #expect(dry.stdout.contains("Authorization: Bearer ****"))
                #expect(!dry.stdout.contains(DistruSimulator.defaultAPIKey) && !dry.stdout.contains(LeafLinkSimulator.defaultAPIKey))
                #expect(dry.stdout.contains("nothing was sent"))

                #expect(try EventLogReader(directory: tenant.sub("log")).lastSequence() == before)
                #expect(try await client(for: distru).orders().filter { $0.value.leaflinkOrderNumber != nil && $0.value.id.text == id }.isEmpty)
            }
        }
    }

    @Test("a remote named without its key is refused with the variable to set, and nothing falls back to a default key")
    func missingKeyIsAnError() async throws {
        let tenant = TemporaryDirectory("no-key")
        let result = try await offThread {
            try runCommand(
                Products.executable("leafsync"), ["dispatch", "--dir", tenant.path, "--once", "--distru-url", "http://127.0.0.1:9/public/v1/"],
                environment: ["LEAFSYNC_DISTRU_API_KEY": ""])
        }
        #expect(result.status != 0)
        #expect(result.stderr.contains("LEAFSYNC_DISTRU_API_KEY: not set"), "\(result.stderr)")
    }
}
