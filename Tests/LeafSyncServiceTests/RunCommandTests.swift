import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncJSON
import LeafSyncService
import LeafSyncTestSupport
import NIOHTTP1
import Testing

@Suite("`leafsync run`: the service over loopback")
struct RunCommandTests {
    @Test("R-ORD-01, R-SET-03: a rep mapped through the admin API, then an order placed on LeafLink reaches Distru through the webhook; SIGTERM stops it cleanly (exit 0, service.json gone)")
    func serviceEndToEnd() async throws {
        try await withSimulator { ll in
            try await withDistru { distru in
                let tenant = TemporaryDirectory("run")
                let token = "test-admin-token"
                let webhookKey = "test-webhook-key"
                let child = try ChildProcess(
                    Products.executable("leafsync"), ["run", "--dir", tenant.path],
                    environment: [
                        "LEAFSYNC_LEAFLINK_BASE_URL": ll.baseURL, "LEAFSYNC_LEAFLINK_API_KEY": LeafLinkSimulator.defaultAPIKey,
                        "LEAFSYNC_LEAFLINK_WEBHOOK_KEY": webhookKey,
                        "LEAFSYNC_DISTRU_BASE_URL": distru.baseURL, "LEAFSYNC_DISTRU_API_KEY": DistruSimulator.defaultAPIKey,
                        "LEAFSYNC_HTTP_PORT": "0", "LEAFSYNC_ADMIN_TOKEN": token,
                    ])
                defer { child.kill() }
                let serving = try await offThread { child.waitForLine(timeout: 60) { $0.contains("serving on http://") } }
                let url = try #require(serving?.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
                #expect(FileManager.default.fileExists(atPath: tenant.sub("service.json")))
                try await control(ll, .PUT, "/_sim/webhook", ["url": .string(url + "webhooks/leaflink"), "key": .string(webhookKey)])

                // Ready once it has read the log and fetched.
                #expect(try await eventually(30) { (try? await rawRequest(url + "readyz"))?.status == 200 })
                // The admin API refuses a wrong token, and takes the operator's steps.
                let refused = try await rawRequest(
                    url + "admin/v1/users/map", method: .POST, headers: [("Authorization", "Bearer wrong")],
                    body: JSONValue.object(["user": "jane@seller.example", "rep": "501"]).serialized())
                #expect(refused.status == 401)
                func admin(_ path: String, _ body: JSONValue) async throws -> (status: Int, body: String) {
                let answer = try await rawRequest(
                        url + path, method: .POST, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                        body: body.serialized())
                    return (answer.status, String(decoding: answer.body, as: UTF8.self))
                }
                let mapped = try await admin("admin/v1/users/map", ["user": "jane@seller.example", "rep": "501"])
                #expect(mapped.status == 200, "\(mapped.body)")
                let linked = try await admin(
                    "admin/v1/products/link", ["distruProduct": "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04", "leafLinkProduct": "2093"])
                #expect(linked.status == 200, "\(linked.body)")

                // A new order on LeafLink: the webhook brings it, the dispatcher creates its SO.
                let placed = try await control(
                    ll, .POST, "/_sim/buyer/orders", ["customer": 148515, "lines": [["product": 2093, "quantity": 12]], "sales_reps": [501]])
                let number = try #require(placed["orders"]?.arrayValue?.first?.stringValue)
                let id = DeterministicID.salesOrder(forLeafLinkOrder: number)
                let distruClient = client(for: distru)
                #expect(try await eventually(30) { (try? await distruClient.order(id: id)) != nil })

                // The metrics show the work.
                let metrics = String(decoding: try await rawRequest(url + "metrics").body, as: UTF8.self)
                #expect(metrics.contains("leafsync_"))

                kill(child.process.processIdentifier, SIGTERM)
                let status = try await offThread { child.waitForExit(timeout: 60) }
                #expect(status == 0)
                #expect(!FileManager.default.fileExists(atPath: tenant.sub("service.json")))
            }
        }
    }
}
