import DistruAPI
import Foundation
import HTTPClientSupport
import LeafSyncTestSupport
import Testing

@Suite("Distru models and helpers")
struct ModelTests {
    @Test("samples decode: decimals exact, statuses, ids")
    func samplesDecode() throws {
        let dir = Paths.repoRoot.appendingPathComponent("data/samples/distru")
        func raw(_ name: String) throws -> DistruRecord {
            DistruRecord(
                bytes: Array(try Data(contentsOf: dir.appendingPathComponent(name))), call: DistruCall(method: "GET", url: "/", attempts: 1)
            )
        }
        let order: DistruOrderModel = try raw("sales-order.json").decode()
        #expect(order.status == .processing && order.status.reservesStock)
        #expect(order.items[0].quantity.value == 24)
        #expect(order.total?.text == "196.000000")
        #expect(order.leaflinkOrderNumber == "a9bf6e2f")
        let product: DistruProductModel = try raw("product.json").decode()
        #expect(product.unitPrice?.value == Decimal(string: "9"))
        #expect(product.leaflinkProductId == DistruID("2093"))
        let row: DistruInventoryRowModel = try raw("inventory-row.json").decode()
        #expect(row.active.value - row.reserved.value == row.available.value)
    }

    @Test("configurations, clients and webhook senders never show the secret")
    func secretsRedacted() async {
        let config = DistruConfiguration(apiKey: "distru-secret-key-123")
        let client = DistruClient(configuration: config)
        for text in ["\(config)", String(reflecting: config), "\(client)", String(reflecting: client)] {
            #expect(!text.contains("distru-secret-key-123"))
        }
    }

    @Test("unknown statuses are kept")
    func unknownStatus() throws {
        let s = try JSONDecoder().decode(SalesOrderStatus.self, from: Data(#""ON_HOLD""#.utf8))
        #expect(s.rawValue == "ON_HOLD" && !s.isKnown)
    }

    @Test("timestamps round-trip with microseconds")
    func timestamps() throws {
        let t = try #require(DistruTimestamp("2026-11-20T15:53:07.137980Z"))
        #expect(t.text == "2026-11-20T15:53:07.137980Z")
        #expect(DistruTimestamp("2026-11-20T15:53:07Z")?.text == "2026-11-20T15:53:07.000000Z")
        #expect(DistruTimestamp("2026-11-20T16:53:07.5+01:00")?.text == "2026-11-20T15:53:07.500000Z")
        #expect(DistruTimestamp("yesterday") == nil)
    }

    @Test("deterministic ids are stable UUIDs")
    func deterministicIDs() {
        let a = DeterministicID.salesOrder(forLeafLinkOrder: "a9bf6e2f")
        #expect(a == DeterministicID.salesOrder(forLeafLinkOrder: "a9bf6e2f"))
        #expect(a != DeterministicID.salesOrder(forLeafLinkOrder: "a9bf6e30"))
        #expect(UUID(uuidString: a) != nil)
    }

    @Test("decimal text has six places and no Double rounding")
    func decimalText() {
        #expect(DistruDecimal.text(Decimal(string: "0.1")! + Decimal(string: "0.2")!) == "0.300000")
        #expect(DistruDecimal.text(-5) == "-5.000000")
        #expect(DistruDecimal.text(Decimal(string: "12345678.1234567")!) == "12345678.123457")
    }
}
