import DistruSimulator
import Foundation
import Hummingbird
import LeafLinkSimulator
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport
import SimulatorSupport
import Testing

/// The operator commands run as an operator runs them: the built `leafsync` on a tenant log
/// fetched from the demo simulators (started in-process).
@Suite("leafsync operator commands (direct mode)")
struct OperatorCommandTests {
    static let leafsync = Products.executable("leafsync")
    static let keys = ["LEAFSYNC_LEAFLINK_API_KEY": "sim-leaflink-key", "LEAFSYNC_DISTRU_API_KEY": "sim-distru-key"]

    /// A tenant directory holding what one fetch of both demo simulators appended.
    static func fetchedTenant() async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory("operator-cli")
        try await withSimulator { leafLink in
            try await withDistru { distru in
                let fetch = try await offThread {
                    try runCommand(
                        leafsync, ["fetch", "--dir", directory.path, "--leaflink-url", leafLink.baseURL, "--distru-url", distru.baseURL],
                        environment: keys)
                }
                #expect(fetch.status == 0, "\(fetch.stderr)")
            }
        }
        return directory
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        try await offThread { try runCommand(leafsync, arguments, environment: environment) }
    }

    static func events(_ directory: TemporaryDirectory) throws -> Int {
        let cursor = try EventLogReader(directory: directory.sub("log")).cursor(from: 1)
        var count = 0
        while try cursor.next() != nil { count += 1 }
        return count
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("users map by e-mail, then users list --json shows rep 501 mapped (R-USR-01); --dir after the subcommand")
    func mapByEmail() async throws {
        let tenant = try await Self.fetchedTenant()
        let before = try Self.json(try await Self.run(["users", "list", "--json", "--dir", tenant.path]).stdout)
        #expect(before.count == 4)
        #expect(before.allSatisfy { $0["mapped"] is NSNull })

        let map = try await Self.run(["users", "map", "jane@seller.example", "maria.lopez@highlandharvest.example", "--dir", tenant.path])
        #expect(map.status == 0, "\(map.stderr)")
        #expect(map.stdout.contains("recorded at log sequence"))

        let after = try Self.json(try await Self.run(["users", "--dir", tenant.path, "list", "--json"]).stdout)
        let maria = try #require(after.first { ($0["rep"] as? [String: Any])?["id"] as? String == "501" })
        #expect((maria["mapped"] as? [String: Any])?["email"] as? String == "jane@seller.example")
        let table = try await Self.run(["users", "list"], environment: ["LEAFSYNC_DIR": tenant.path])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Jane Doe <jane@seller.example>"))
    }

    @Test("R-MTC-01, R-MTC-03: metrc template and metrc match refuse an unknown SO, and a --line without LINE=LABEL, appending nothing")
    func metrcCommandsRefuse() async throws {
        let tenant = try await Self.fetchedTenant()
        let count = try Self.events(tenant)
        let template = try await Self.run(["metrc", "template", "SO-999999", "--dir", tenant.path])
        #expect(template.status == 1)
        #expect(template.stderr.contains("sales-order: no Distru SO has the id or number 'SO-999999'"), "\(template.stderr)")
        let match = try await Self.run(["metrc", "match", "SO-999999", "9188201", "--line", "1=1A4FF0100000022000001234", "--dir", tenant.path])
        #expect(match.status == 1)
        #expect(match.stderr.contains("sales-order:"), "\(match.stderr)")
        let bare = try await Self.run(["metrc", "match", "SO-999999", "9188201", "--line", "1", "--dir", tenant.path])
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("write LINE=LABEL"), "\(bare.stderr)")
        let none = try await Self.run(["metrc", "match", "SO-999999", "9188201", "--dir", tenant.path])
        #expect(none.status == 64)
        #expect(try Self.events(tenant) == count)
    }

    @Test("An unknown rep is refused with a message naming it, and appends nothing")
    func unknownRepAppendsNothing() async throws {
        let tenant = try await Self.fetchedTenant()
        let count = try Self.events(tenant)
        let refused = try await Self.run(["users", "map", "jane@seller.example", "nobody@example.com", "--dir", tenant.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("rep: no LeafLink rep has the id or e-mail 'nobody@example.com'"))
        let unknownProduct = try await Self.run(["products", "link", "NO-SUCH-SKU", "2093", "--dir", tenant.path])
        #expect(unknownProduct.status != 0)
        #expect(unknownProduct.stderr.contains("product:"))
        let badSetting = try await Self.run(["settings", "set", "syncPrice=true", "--dir", tenant.path])
        #expect(badSetting.status != 0)
        #expect(try Self.events(tenant) == count)
    }

    @Test("R-PRD-01/09: products link by SKU and id, a conflicting link is refused by the engine (exit 2), unlink")
    func linkAndUnlink() async throws {
        let tenant = try await Self.fetchedTenant()
        // (The demo seed's chocolate bars are linked at the first fetch from Distru's own records.)
        let link = try await Self.run(["products", "link", "PEK-PR-BD-1", "2095", "--dir", tenant.path])
        #expect(link.status == 0, "\(link.stderr)")
        var unlinked = try Self.json(try await Self.run(["products", "unlinked", "--json", "--dir", tenant.path]).stdout)
        #expect(!unlinked.contains { $0["id"] as? String == "2095" })

        let conflict = try await Self.run(["products", "link", "CLM-TIN-30", "2095", "--dir", tenant.path])
        #expect(conflict.status == 2)
        #expect(conflict.stdout.contains("refused by the engine: R-PRD-01"))

        let unlink = try await Self.run(["products", "unlink", "2095", "--dir", tenant.path, "--json"])
        #expect(unlink.status == 0, "\(unlink.stderr)")
        unlinked = try Self.json(try await Self.run(["products", "unlinked", "--json", "--dir", tenant.path]).stdout)
        #expect(unlinked.contains { $0["id"] as? String == "2095" })
    }

    @Test("R-PRD-02: a link the engine refuses (it passes validation) is a request shown by audit requests, from operator_requests")
    func refusedRequestInAudit() async throws {
        let tenant = try await Self.fetchedTenant()
        let link = try await Self.run(["products", "link", "PEK-PR-BD-1", "2095", "--dir", tenant.path])
        #expect(link.status == 0, "\(link.stderr)")
        let again = try await Self.run(["products", "link", "PEK-PR-BD-1", "2096", "--json", "--dir", tenant.path])
        #expect(again.status == 2, "\(again.stderr)")
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        let sequence = try #require(recorded["first"] as? Int)
        #expect((recorded["refusal"] as? String)?.hasPrefix("R-PRD-02") == true)

        #expect(try await Self.run(["project", "--dir", tenant.path]).status == 0)
        let refused = try Self.json(try await Self.run(["audit", "requests", "--status", "refused", "--json", "--dir", tenant.path]).stdout)
        #expect(refused.count == 1)
        let row = try #require(refused.first)
        #expect(row["seq"] as? String == "\(sequence)")
        #expect(row["type"] as? String == "operator.product.link-requested")
        #expect(row["rule"] as? String == "R-PRD-02")
        #expect((row["reason"] as? String)?.contains("already linked to LeafLink product 2095") == true)
        #expect((row["subject"] as? String)?.hasPrefix("distru-product:") == true)
        let all = try await Self.run(["audit", "--dir", tenant.path, "requests"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("accepted") && all.stdout.contains("refused"))
    }

    @Test("--dir before the subcommand is accepted (audit --dir D errors); every operator command has --help with an example")
    func dirAnywhereAndHelp() async throws {
        let tenant = try await Self.fetchedTenant()
        #expect(try await Self.run(["project", "--dir", tenant.path]).status == 0)
        let audit = try await Self.run(["audit", "--dir", tenant.path, "errors"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("R-ORD-01"))
        let orders = try await Self.run(["orders", "--dir", tenant.path, "list"])
        #expect(orders.stdout.contains("a6a3a450"))
        let missing = try await Self.run(["users", "list"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("LEAFSYNC_DIR"))
        for command in [
            ["settings", "show"], ["settings", "set"], ["users", "list"], ["users", "map"], ["users", "unmap"], ["products", "unlinked"],
            ["products", "suggestions"], ["products", "link"], ["products", "unlink"], ["products", "accept"], ["products", "create-in-leaflink"],
            ["customers", "list"], ["customers", "associate"], ["orders", "list"], ["orders", "show"], ["orders", "delete"], ["errors", "list"],
            ["errors", "resolve"], ["retry"],
        ] {
            let help = try await Self.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("leafsync \(command.joined(separator: " "))"), "\(command) --help shows an example")
        }
    }

    @Test("While the service holds the log, operator commands go through its admin API (LEAFSYNC_ADMIN_URL, LEAFSYNC_ADMIN_TOKEN)")
    func thinClientWhileLocked() async throws {
        let tenant = try await Self.fetchedTenant()
        let log = try OperatorLog(directory: tenant.sub("log"))  // the running service's writer
        let router = Router()
        AdminAPI.addRoutes(to: router, desk: log.desk, token: "cli-test-token")
        let server = try await serve(router)
        let admin = ["LEAFSYNC_ADMIN_URL": "http://127.0.0.1:\(server.port)", "LEAFSYNC_ADMIN_TOKEN": "cli-test-token"]

        let locked = try await Self.run(["users", "list", "--dir", tenant.path])
        #expect(locked.status != 0)
        #expect(locked.stderr.contains("LEAFSYNC_ADMIN_TOKEN"), "the refusal says how to reach the service")

        let map = try await Self.run(["users", "map", "jane@seller.example", "501", "--dir", tenant.path], environment: admin)
        #expect(map.status == 0, "\(map.stderr)")
        #expect(map.stdout.contains("recorded at log sequence"))
        let unknown = try await Self.run(["users", "map", "jane@seller.example", "999", "--dir", tenant.path], environment: admin)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("rep: no LeafLink rep"))

        let users = try Self.json(try await Self.run(["users", "list", "--json", "--dir", tenant.path], environment: admin).stdout)
        let maria = try #require(users.first { ($0["rep"] as? [String: Any])?["id"] as? String == "501" })
        #expect((maria["mapped"] as? [String: Any])?["email"] as? String == "jane@seller.example")
        let table = try await Self.run(["orders", "list", "--dir", tenant.path], environment: admin)
        #expect(table.stdout.contains("a6a3a450"))

        await server.stop()
        await log.close()
    }
}
