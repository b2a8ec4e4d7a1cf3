import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import SimulatorSupport
import Testing

@Suite("Distru simulator over HTTP")
struct SimulatorTests {
    let auth = [("Authorization", "Bearer \(DistruSimulator.defaultAPIKey)")]

    @Test("no or a wrong Bearer key is a 401 in Distru's error shape")
    func unauthorized() async throws {
        try await withDistru { sim in
            for headers in [[], [("Authorization", "Bearer nope")], [("Authorization", "App \(DistruSimulator.defaultAPIKey)")]] {
                let (status, body) = try await rawRequest(sim.baseURL + "products", headers: headers)
                #expect(status == 401)
                let errors = try JSONParser.parse(body)["errors"]?.arrayValue
                #expect(errors?.first?["message"]?.stringValue != nil)
                #expect(errors?.first?["pointer"]?.arrayValue == [])
            }
        }
    }

    @Test("lists: data and next_page, page[number] and the SDK's page, unknown filters ignored")
    func listShape() async throws {
        try await withDistru(settings: .uniformPageSize(2)) { sim in
            let (status, body) = try await rawRequest(sim.baseURL + "products?limit=1&search=x", headers: auth)
            #expect(status == 200)
            let page = try JSONParser.parse(body)
            #expect(page["data"]?.arrayValue?.count == 2)
            let next = try #require(page["next_page"]?.stringValue)
            #expect(next.hasPrefix(sim.baseURL + "products?") && next.contains("limit=1") && next.hasSuffix("page%5Bnumber%5D=2"))
            let second = try JSONParser.parse(try await rawRequest(next, headers: auth).body)
            let viaPage = try JSONParser.parse(try await rawRequest(sim.baseURL + "products?page=2", headers: auth).body)
            #expect(second["data"] == viaPage["data"])
            // The demo seed has 13 products: pages of 2, the seventh holds the last one.
            let last = try JSONParser.parse(try await rawRequest(sim.baseURL + "products?page%5Bnumber%5D=7", headers: auth).body)
            #expect(last["data"]?.arrayValue?.count == 1)
            #expect(last["next_page"] == .null)
            let missing = try await rawRequest(sim.baseURL + "orders/00000000-0000-4000-8000-000000000000", headers: auth)
            #expect(missing.status == 404)
        }
    }

    @Test("control: change an SO's customer, inventory source and delivery date; bad values answer 422")
    func orderControls() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let other = try #require(try await c.companies().first { $0.value.name == "Mile High Greens" }).value
            let o = try await control(
                sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/customer",
                [
                    "company_id": .string(other.id.text), "shipping_location_id": .string(other.locations![1].id.text),
                ])
            #expect(o["company"]?["name"]?.stringValue == "Mile High Greens")
            #expect(o["shipping_location"]?["name"]?.stringValue == "Aurora")
            #expect(o["billing_location"]?["name"]?.stringValue == "Colfax")

            let north = try #require(try await c.locations().first { $0.value.name == "North Vault" }).value.id.text
            _ = try await control(sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/source", ["location_id": .string(north)])
            // The reservation moves with the source: lines without their own location follow it.
            let order = try await c.order(id: DistruDemo.processingOrder).value
            #expect(order.location?.id.text == north)
            let main = try #require(try await inventoryRow(c, product: DistruDemo.chocolate, location: DistruDemo.warehouse))
            #expect(main.reserved.text == "120.000000")  // the demo line names Main Warehouse itself

            let dated = try await control(
                sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/delivery", ["delivery_datetime": "2026-12-02T18:00:00Z"])
            #expect(dated["delivery_datetime"]?.stringValue == "2026-12-02T18:00:00.000000Z")

            await #expect(throws: SimCallFailed.self) {
                try await control(sim, .POST, "/_sim/orders/\(DistruDemo.processingOrder)/status", ["status": "SHIPPED"])
            }
            let (status, body) = try await rawRequest(
                sim.rootURL + "/_sim/orders/\(DistruDemo.processingOrder)/status", method: .POST,
                body: Array(#"{"status":"CANCELLED"}"#.utf8))
            #expect(status == 422)
            #expect(try JSONParser.parse(body)["errors"]?.arrayValue?.first?["pointer"] == ["status"])
        }
    }

    @Test("control: record and delete an invoice payment; paid amount and status follow")
    func paymentControls() async throws {
        try await withDistru { sim in
            let invoice = try await control(sim, .POST, "/_sim/invoices", ["order_id": .string(DistruDemo.processingOrder)])
            let id = try #require(invoice["id"]?.stringValue)
            #expect(invoice["total"]?.stringValue == "1060.000000" && invoice["status"]?.stringValue == "UNPAID")
            let paid = try await control(sim, .POST, "/_sim/invoices/\(id)/payments", ["amount": "1060", "payment_method_id": "ACH"])
            #expect(paid["status"]?.stringValue == "PAID")
            let pid = try #require(paid["payments"]?.arrayValue?.first?["id"]?.stringValue)
            let undone = try await control(sim, .DELETE, "/_sim/invoices/\(id)/payments/\(pid)")
            #expect(undone["status"]?.stringValue == "UNPAID" && undone["paid_amount"]?.stringValue == "0.000000")
        }
    }

    @Test("a timed-out call is retried; a dropped connection too")
    func timeoutsRetried() async throws {
        try await withDistru { sim in
            var config = DistruConfiguration(baseURL: sim.baseURL, apiKey: DistruSimulator.defaultAPIKey)
            config.retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
            // Generous enough that the healthy third attempt answers in time even on a loaded CI machine.
            config.timeout = .seconds(2)
            let c = DistruClient(configuration: config)
            await sim.simulator.faults.enqueue([.delay(milliseconds: 3000), .drop])
            let p = try await c.product(id: DistruDemo.chocolate)
            #expect(p.raw.call.attempts == 3)
            await sim.simulator.faults.enqueue([.drop, .drop, .drop])
            do {
                _ = try await c.product(id: DistruDemo.chocolate)
                Issue.record("expected a transport error")
            } catch let e as DistruError {
                guard case .transport = e.kind else { Issue.record("got \(e)"); return }
            }
        }
    }

    @Test("webhooks are signed and carry the changes")
    func webhookBodies() async throws {
        let secret = "s3cret"
        let received = BodyBox()
        let receiver = try await WebhookReceiver.start(path: "/hook", signatureHeader: DistruWebhooks.signatureHeader) { body, signature in
            received.append(body, signature)
            return 200
        }
        try await withDistru(webhook: .init(url: receiver.url, secret: secret, retryDelays: [])) { sim in
            _ = try await control(sim, .POST, "/_sim/products/\(DistruDemo.chocolate)", ["unit_price": "9.990000"])
            await sim.simulator.webhooks.idle()
            let (body, signature) = try #require(received.items.first)
            #expect(DistruWebhooks.isValid(body: body, header: signature, secret: secret))
            let d = try DistruWebhooks.parse(body)
            #expect(d.type == "PRODUCT" && d.event == "UPDATE" && d.id == DistruDemo.chocolate)
            #expect(d.changes?["unit_price"] == ["9.000000", "9.990000"])
            #expect(d.object?["unit_price"]?.stringValue == "9.990000")
        }
        await receiver.stop()
    }
}
