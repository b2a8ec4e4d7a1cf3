import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncTestSupport
import Testing

/// Every published LeafLink sample decodes with the client's models.
@Suite struct SampleTests {
    @Test("every sample file is JSON") func everySampleFileIsJSON() throws {
        let fm = FileManager.default
        let files = try #require(fm.enumerator(atPath: Paths.leafLinkSamples.path)).compactMap { $0 as? String }.filter {
            $0.hasSuffix(".json")
        }
        #expect(files.count >= 20, "samples missing at \(Paths.leafLinkSamples.path)")
        for f in files {
            #expect(throws: Never.self, "\(f)") { try JSONParser.parse(try Paths.leafLinkSample(f)) }
        }
    }

    @Test("orders decode") func ordersDecode() throws {
        let order = try LeafLinkClient.decoder.decode(Order.self, from: Data(try Paths.leafLinkSample("v2-spec-examples/order.200.json")))
        #expect(order.status == .accepted)
        #expect(order.total?.amount.value == 594)
        #expect(order.credits?.value == Decimal(string: "420.10"))
        #expect(order.salesReps?.first?.id == 13)
        #expect(order.customer?.displayName == "Good Vibrations Dispensary")

        let response = LeafLinkClient.Response(
            status: 200, body: try Paths.leafLinkSample("v2-spec-examples/orders-received.list.200.json"),
            call: .init(method: "GET", url: "/", attempts: 1))
        let page = try LeafLinkPage(response: response)
        #expect(page.count == 2 && page.next == nil)
        let orders = try page.records.map { try $0.decode(Order.self) }
        #expect(orders[1].total?.amount.value == Decimal(string: "210.4"))
        #expect(orders[1].paymentBalance?.value == Decimal(string: "210.4"))
    }

    @Test("products decode") func productsDecode() throws {
        for f in ["product.200.json", "product.archive.200.json", "product.update.200.json"] {
            let p = try LeafLinkClient.decoder.decode(Product.self, from: Data(try Paths.leafLinkSample("v2-spec-examples/\(f)")))
            #expect(p.id == 2093)
            #expect(p.wholesalePrice?.amount.value == 108)
        }
        let p = try LeafLinkClient.decoder.decode(Product.self, from: Data(try Paths.leafLinkSample("v2-spec-examples/product.200.json")))
        #expect(p.quantity?.value == 800 && p.reservedQty?.value == 120 && p.availableInventory?.value == 680)
        #expect(p.listingState == .available && p.inventoryManagement == 1 && p.license?.number == "404R-00000")
        let page = try LeafLinkPage(
            response: .init(
                status: 200, body: try Paths.leafLinkSample("v2-spec-examples/products.list.200.json"),
                call: .init(method: "GET", url: "/", attempts: 1)))
        #expect(try page.records.map { try $0.decode(Product.self) }.count == 2)
    }

    @Test("line items decode with string amounts") func lineItemsDecodeWithStringAmounts() throws {
        let l = try LeafLinkClient.decoder.decode(
            LineItem.self,
            from: Data(
                try Array(Foundation.Data(contentsOf: Paths.repoRoot.appendingPathComponent("data/samples/leaflink/line-item.json")))))
        #expect(l.orderedUnitPrice?.amount.value == 108 && l.quantity?.value == 24 && l.unitMultiplier == 12)
        let req = try LeafLinkClient.decoder.decode(
            LineItemRequest.self, from: Data(try Paths.leafLinkSample("v2-spec-examples/line-items.create.request.json")))
        #expect(req.salePrice.amount.value == 99)
    }

    struct LineItemRequest: Decodable { var product: Int; var salePrice: LeafLinkMoney }

    @Test("buyer orders decode as JSON") func buyerOrdersDecodeAsJSON() throws {
        for f in [
            "buyer-order.200.json", "buyer-orders.list.200.json", "orders-received.create.request.json",
            "orders-received.patch.request.json", "product.create.request.json", "product.update.request.json",
        ] {
            guard case .object = try JSONParser.parse(try Paths.leafLinkSample("v2-spec-examples/\(f)")) else {
                Issue.record("\(f) is not an object"); continue
            }
        }
    }

    @Test("order webhook parses") func orderWebhookParses() throws {
        let body = try Paths.leafLinkSample("webhook-payloads/order-edit-2019.redacted.json")
        let d = try LeafLinkWebhooks.parse(body)
        #expect(d.kind == .order(number: "93f5e0eb-64ee-4e1c-a248-0b7e43dfd645"))
        #expect(d.action == "edit" && d.lineCount == 3)
        #expect(d.subject == "ll-order:93f5e0eb-64ee-4e1c-a248-0b7e43dfd645")
        let product = try LeafLinkWebhooks.parse(Array(#"{"type":"product","action":"create","data":{"id":2093,"sku":"X"}}"#.utf8))
        #expect(product.kind == .product(id: 2093))
        let bare = try LeafLinkWebhooks.parse(try Paths.leafLinkSample("v2-spec-examples/product.200.json"))
        #expect(bare.kind == .product(id: 2093))
    }

    @Test("signature test vector") func signatureTestVector() throws {
        let v = try JSONParser.parse(try Paths.leafLinkSample("webhook-payloads/signature-test-vector.json"))
        let key = try #require(v["webhook_key"]?.stringValue)
        let body = Array(try #require(v["raw_body"]?.stringValue).utf8)
        let expected = try #require(v["expected_LL-Signature"]?.stringValue)
        #expect(LeafLinkWebhooks.signature(body: body, key: key) == expected)
        #expect(LeafLinkWebhooks.isValid(body: body, signature: expected, key: key))
        #expect(!LeafLinkWebhooks.isValid(body: body + [0x20], signature: expected, key: key))
        #expect(!LeafLinkWebhooks.isValid(body: body, signature: nil, key: key))
        #expect(!LeafLinkWebhooks.isValid(body: body, signature: "not base64!", key: key))
        #expect(!LeafLinkWebhooks.isValid(body: body, signature: expected, key: key + "x"))
    }
}
