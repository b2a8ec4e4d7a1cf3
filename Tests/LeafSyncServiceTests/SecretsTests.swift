import DistruSimulator
import Foundation
import GRDB
import LeafLinkSimulator
import LeafSyncDemo
import LeafSyncLog
import LeafSyncProjections
import LeafSyncService
import LeafSyncTestSupport
import MetrcSimulator
import NIOHTTP1
import Synchronization
import Testing

/// Secrets never leave the configuration: after the whole demo story, played with fresh random
/// keys, none of them (nor the base64 a Basic credential would carry) is in the log, the
/// projection database, the outbox, any other file of the tenant, or the service's log output.
@Suite("Secrets: none in the log, the projections, the outbox or the service's log output")
struct SecretsTests {
    /// Every configured secret, made fresh for the run, each named for the failure message.
    struct Secrets {
        let leafLinkAPIKey = Self.fresh("llapi"), leafLinkWebhookKey = Self.fresh("llhook"), distruAPIKey = Self.fresh("dapi")
        let distruWebhookSecret = Self.fresh("dhook"), metrcVendorKey = Self.fresh("mvendor"), metrcUserKey = Self.fresh("muser")
        let adminToken = Self.fresh("admin")

        /// A distinctive random key: a prefix no record holds by chance, then 128 random bits.
        static func fresh(_ name: String) -> String {
            "zq\(name)" + (0..<2).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
        }

        /// What to search for: each secret, its base64, and the Basic credential Metrc sends.
        var needles: [(name: String, text: String)] {
            let plain = [
                ("LeafLink API key", leafLinkAPIKey), ("LeafLink webhook key", leafLinkWebhookKey), ("Distru API key", distruAPIKey),
                ("Distru webhook secret", distruWebhookSecret), ("Metrc vendor key", metrcVendorKey), ("Metrc user key", metrcUserKey),
                ("admin token", adminToken),
            ]
            let base64 = plain.map { ("base64 of the \($0.0)", Data($0.1.utf8).base64EncodedString()) }
            let basic = Data("\(metrcVendorKey):\(metrcUserKey)".utf8).base64EncodedString()
            return plain + base64 + [("Metrc Basic credential", basic)]
        }

        /// The names of the secrets found in `text` (none, we hope).
        func found(in text: String) -> [String] { needles.filter { text.contains($0.text) }.map(\.name) }
        func found(in bytes: [UInt8]) -> [String] { found(in: String(decoding: bytes, as: UTF8.self)) }
    }

    @Test(
        "The demo story with fresh random keys leaves no configured secret in the log (decoded and raw), the projection database, the outbox .eml files, any tenant file, or the captured log lines"
    )
    func noSecretAnywhere() async throws {
        let secrets = Secrets()
        let tenant = TemporaryDirectory("secrets")
        let records = try await LogCapture.capturingProcess { capture in
            try await withMetrc(vendorKey: secrets.metrcVendorKey, userKey: secrets.metrcUserKey) { metrc in
                try await withSimulator(apiKeys: [secrets.leafLinkAPIKey]) { ll in
                    try await withDistru(apiKeys: [secrets.distruAPIKey]) { distru in
                        _ = try await DemoRun.play(
                            directory: tenant.path, leafLinkRoot: DemoScenarioTests.root(ll.baseURL, "api/v2/"),
                            distruRoot: DemoScenarioTests.root(distru.baseURL, "public/v1/"), metrcRoot: metrc.baseURL,
                            leafLinkAPIKey: secrets.leafLinkAPIKey, distruAPIKey: secrets.distruAPIKey,
                            metrcVendorKey: secrets.metrcVendorKey, metrcUserKey: secrets.metrcUserKey, adminToken: secrets.adminToken,
                            leafLinkWebhookKey: secrets.leafLinkWebhookKey, distruWebhookSecret: secrets.distruWebhookSecret,
                            report: { _ in })
                    }
                }
            }
            return capture.records
        }

        // The log, read event by event: type, source, subject, correlation id and payload.
        let events = try EventLogReader(directory: tenant.sub("log")).readAll()
        #expect(events.count > 100)
        for event in events {
            let text = [event.type, event.source, event.subject, event.correlationID ?? ""].joined(separator: " ")
            let found = secrets.found(in: text) + secrets.found(in: Array(event.payload))
            #expect(found.isEmpty, "event \(event.sequence) (\(event.type)) holds \(found)")
        }

        // The projection database, brought to the end of the log: every cell of every table.
        let tenantDirectory = TenantDirectory(tenant.path)
        try await Projector(tenant: tenantDirectory).run()
        let database = try DatabaseQueue(path: tenantDirectory.projectionPath)
        let cells = try await database.read { db -> [String] in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)").flatMap { row in
                    row.databaseValues.map { "\($0)" }
                }
            }
        }
        #expect(cells.count > 1000)
        #expect(secrets.found(in: cells.joined(separator: "\n")).isEmpty)

        // The outbox's e-mails.
        let outbox = tenant.sub("outbox")
        let mails = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
        #expect(mails.count >= 8)
        for mail in mails {
            let found = secrets.found(in: Array(try Data(contentsOf: URL(fileURLWithPath: outbox + "/" + mail))))
            #expect(found.isEmpty, "\(mail) holds \(found)")
        }

        // Every file of the tenant, raw: log segments and their indexes, snapshots, the database
        // and its journal, the outbox, service.json when there is one.
        let files = try Self.files(under: tenant.path)
        #expect(files.contains { $0.hasSuffix(".eml") } && files.contains { $0.hasSuffix(".sqlite") })
        #expect(files.contains { $0.hasPrefix(tenant.sub("log")) })
        var searched = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            searched += bytes.count
            let found = secrets.found(in: bytes)
            #expect(found.isEmpty, "\(file) holds \(found)")
        }
        #expect(searched > 100_000)

        // The service's log output (every logger made with `Logger(label:)`, at trace, while the story played).
        // The remote clients (which hold the keys), the fetchers and the dispatcher all logged.
        let labels = Set(records.map(\.label))
        for label in ["leafsync.leaflink", "leafsync.distru", "leafsync.metrc", "leafsync.ingest.leaflink", "leafsync.dispatch"] {
            #expect(labels.contains(label), "the capture saw nothing from \(label): \(labels.sorted())")
        }
        for line in records {
            let found = secrets.found(in: line.description)
            #expect(found.isEmpty, "log line \(line) holds \(found)")
        }
    }

    @Test(
        "`leafsync run` with fresh random keys: its output (stdout and the swift-log lines on stderr) and DIR/service.json hold no configured secret, through fetches, a refused webhook and a refused admin call"
    )
    func noSecretInTheServiceOutput() async throws {
        let secrets = Secrets()
        let tenant = TemporaryDirectory("secrets-run")
        try await withMetrc(vendorKey: secrets.metrcVendorKey, userKey: secrets.metrcUserKey) { metrc in
            try await withSimulator(apiKeys: [secrets.leafLinkAPIKey]) { ll in
                try await withDistru(apiKeys: [secrets.distruAPIKey]) { distru in
                    let child = try ChildProcess(
                        Products.executable("leafsync"), ["run", "--dir", tenant.path],
                        environment: [
                            "LEAFSYNC_LEAFLINK_BASE_URL": ll.baseURL, "LEAFSYNC_LEAFLINK_API_KEY": secrets.leafLinkAPIKey,
                            "LEAFSYNC_LEAFLINK_WEBHOOK_KEY": secrets.leafLinkWebhookKey, "LEAFSYNC_DISTRU_BASE_URL": distru.baseURL,
                            "LEAFSYNC_DISTRU_API_KEY": secrets.distruAPIKey, "LEAFSYNC_DISTRU_WEBHOOK_SECRET": secrets.distruWebhookSecret,
                            "LEAFSYNC_METRC_BASE_URL": metrc.baseURL, "LEAFSYNC_METRC_VENDOR_KEY": secrets.metrcVendorKey,
                            "LEAFSYNC_METRC_USER_KEY": secrets.metrcUserKey, "LEAFSYNC_METRC_LICENSE": DemoStory.metrcLicense,
                            "LEAFSYNC_ADMIN_TOKEN": secrets.adminToken, "LEAFSYNC_HTTP_PORT": "0", "LEAFSYNC_SCHEDULER_TICK_SECONDS": "1",
                        ], mergingStandardError: true)
                    defer { child.kill() }
                    let seen = Mutex<[String]>([])  // every line up to "serving on", the configuration's among them
                    let serving = try await offThread {
                        child.waitForLine(timeout: 60) { line in
                            seen.withLock { $0.append(line) }
                            return line.contains("serving on http://")
                        }
                    }
                    let url = try #require(serving?.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
                    let serviceFile = try String(contentsOfFile: tenant.sub("service.json"), encoding: .utf8)
                    #expect(serviceFile.contains(url))
                    #expect(secrets.found(in: serviceFile).isEmpty, "service.json: \(serviceFile)")

                    #expect(try await eventually(30) { (try? await rawRequest(url + "readyz"))?.status == 200 })
                    let body = Array(#"{"type":"product","action":"edit","data":{"id":2093}}"#.utf8)
                    let forged = try await rawRequest(
                        url + "webhooks/leaflink", method: .POST, headers: [("LL-Signature", "AAAA")], body: body)
                    #expect(forged.status == 401)
                    let wrong = try await rawRequest(
                        url + "admin/v1/users", headers: [("Authorization", "Bearer " + secrets.adminToken.dropLast())])
                    #expect(wrong.status == 401)
                    #expect(secrets.found(in: forged.body + wrong.body).isEmpty)

                    kill(child.process.processIdentifier, SIGTERM)
                    #expect(try await offThread { child.waitForExit(timeout: 60) } == 0)
                    let lines = seen.withLock { $0 } + child.drainLines()
                    #expect(lines.count >= 3, "\(lines)")
                    #expect(lines.contains { $0.contains("webhook refused") }, "the refused webhook was not logged: \(lines)")
                    for line in lines {
                        let found = secrets.found(in: line)
                        #expect(found.isEmpty, "output line holds \(found): \(line)")
                    }
                }
            }
        }
    }

    /// Every regular file under `path`, recursively.
    static func files(under path: String) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: path))
        return enumerator.compactMap { $0 as? String }.map { path + "/" + $0 }.filter { file in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}
