import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import SimulatorSupport
import Testing

@Suite("Distru client against the simulator")
struct ClientTests {
    @Test("paging follows next_page across several pages of products")
    func pagingAcrossPages() async throws {
        var settings = DistruSimSettings()
        settings.pageSizes["products"] = 4
        try await withDistru(seed: productsSeed(10), settings: settings) { sim in
            let c = client(for: sim)
            var pages: [Int] = []
            var nextPages: [String?] = []
            try await c.forEachPage(of: .products) { page in
                pages.append(page.records.count)
                nextPages.append(page.next)
            }
            #expect(pages == [4, 4, 2])
            #expect(nextPages.last! == nil)
            #expect(nextPages[0]?.contains("page%5Bnumber%5D=2") == true)
            let all = try await c.products()
            #expect(all.count == 10)
            #expect(Set(all.map(\.value.id.text)).count == 10)
            #expect(all.first?.value.unitPrice?.value == Decimal(string: "1"))
        }
    }

    @Test("incremental fetch with updated_datetime=FROM, returns only records changed since")
    func incrementalFetch() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let all = try await c.products()
            #expect(all.count == 13)  // the demo seed's products
            let since = DistruTimestamp.now
            _ = try await control(sim, .POST, "/_sim/products/\(DistruDemo.chocolate)", ["unit_price": "9.500000"])
            let changed = try await c.products(updatedSince: since)
            #expect(changed.map(\.value.id.text) == [DistruDemo.chocolate])
            #expect(changed[0].value.unitPrice?.text == "9.500000")
            #expect(changed[0].value.updatedDatetime! >= since)
            // A later range end excludes it; the raw bytes keep Distru's decimal strings.
            let none = try await c.listAll(.products, since: DistruTimestamp.now.adding(.seconds(1)))
            #expect(none.isEmpty)
            #expect(String(decoding: changed[0].raw.bytes, as: UTF8.self).contains("\"unit_price\":\"9.500000\""))
        }
    }

    @Test("a create retried after a lost response makes one order, not two")
    func retriedCreateMakesOneOrder() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let before = try await c.orders().count
            await sim.simulator.faults.enqueue([.loseResponse])
            var write = DistruOrderWrite()
            write.companyID = DistruDemo.customer
            write.locationID = DistruDemo.warehouse
            write.items = [.init(productID: DistruDemo.chocolate, quantity: 10, price: Decimal(string: "8.75")!)]
            let created = try await c.createOrder(forLeafLinkOrder: "a9bf6e2f", write)
            #expect(created.raw.call.attempts == 2)
            #expect(created.value.id.text == DeterministicID.salesOrder(forLeafLinkOrder: "a9bf6e2f"))
            #expect(created.value.status == .pending)
            #expect(created.value.total?.text == "87.500000")
            #expect(try await c.orders().count == before + 1)
            // Creating it again is an update of the same order.
            _ = try await c.createOrder(forLeafLinkOrder: "a9bf6e2f", write)
            #expect(try await c.orders().count == before + 1)
        }
    }

    @Test("a create without an id is not retried after a lost response")
    func createWithoutIDNotRetried() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            await sim.simulator.faults.enqueue([.loseResponse])
            var write = DistruOrderWrite()
            write.companyID = DistruDemo.customer
            await #expect(throws: DistruError.self) { try await c.upsertOrder(write) }
            #expect(await sim.simulator.faults.apiCalls == 1)
        }
    }

    @Test("503 and 429 are retried; 422 is not and carries Distru's errors")
    func retriesAndTypedErrors() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            await sim.simulator.faults.enqueue([.status(503, retryAfter: nil), .status(429, retryAfter: 0)])
            let p = try await c.product(id: DistruDemo.chocolate)
            #expect(p.raw.call.attempts == 3)
            var bad = DistruOrderWrite()
            bad.companyID = DistruDemo.customer
            bad.items = [.init(productID: DistruDemo.chocolate, quantity: 0)]
            let calls = await sim.simulator.faults.apiCalls
            do {
                _ = try await c.createOrder(forLeafLinkOrder: "bad", bad)
                Issue.record("expected a 422")
            } catch let e as DistruError {
                #expect(e.status == 422)
                #expect(e.details.first?.pointer == ["items", "0", "quantity"])
                #expect(e.description.contains("items.0.quantity"))
            }
            #expect(await sim.simulator.faults.apiCalls == calls + 1)
        }
    }

    @Test("a cut-off body is a malformedResponse naming the call")
    func malformedBody() async throws {
        try await withDistru { sim in
            await sim.simulator.faults.enqueue([.malformed])
            do {
                _ = try await client(for: sim).products()
                Issue.record("expected malformedResponse")
            } catch let e as DistruError {
                guard case .malformedResponse = e.kind, let call = e.call else { Issue.record("got \(e)"); return }
                #expect(call.url.hasPrefix("/public/v1/products"))
            }
        }
    }

    @Test("a wrong API key is a 401 that names no secret")
    func badKey() async throws {
        try await withDistru { sim in
            let c = client(for: sim, key: "wrong-secret-key")
            do {
                _ = try await c.products()
                Issue.record("expected a 401")
            } catch let e as DistruError {
                #expect(e.status == 401)
                #expect(!e.description.contains("wrong-secret-key"))
            }
        }
    }

    @Test("product upsert is sparse, a write without an id creates; invoice payments add up")
    func productUpsertAndPayments() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            var w = DistruProductWrite(id: DistruDemo.chocolate)
            w.unitPrice = Decimal(string: "10.25")
            w.leaflinkProductID = "2093"
            let p = try await c.upsertProduct(w).value
            #expect(p.unitPrice?.text == "10.250000")
            #expect(p.name == "Swiss Masters Chocolate Bar (Dark) 100mg")
            var n = DistruProductWrite()
            n.name = "New Gummies"
            n.inventoryTrackingMethod = "BATCH"
            let made = try await c.upsertProduct(n).value
            #expect(made.name == "New Gummies" && made.isActive == true)
            #expect(try await c.product(id: made.id.text).value.inventoryTrackingMethod == "BATCH")

            let invoice = try await control(sim, .POST, "/_sim/invoices", ["order_id": .string(DistruDemo.processingOrder)])
            let id = invoice["id"]!.stringValue!
            let paid = try await c.addInvoicePayment(
                invoiceID: id, DistruPaymentWrite(amount: 60, paymentDatetime: .now, description: "ACH"))
            #expect(paid.value.paidAmount?.text == "60.000000")
            #expect(paid.value.status?.rawValue == "PARTIALLY_PAID")
            #expect(paid.value.payments.count == 1)
            let order = try await c.order(id: DistruDemo.processingOrder).value
            #expect(order.invoices?.map(\.id.text) == [id])
        }
    }

    @Test("companies, users and locations accept integer ids")
    func integerIDs() async throws {
        try await withDistru { sim in
            let c = client(for: sim)
            let companies = try await c.companies()
            #expect(companies.contains { $0.value.id == DistruID("4021") && $0.value.id.isInteger })
            #expect(try await c.users().contains { $0.value.id.text == "17" })
            #expect(try await c.locations().count == 2)
            #expect(try await c.taxes().count == 2)
            #expect(try await c.invoices().first?.value.payments.count == 1)
        }
    }
}
