import Foundation
import GRDB
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import LeafSyncTestSupport
import Testing

/// The Metrc projection: each SO's template (or its error) and matched transfer.
@Suite("Metrc projection (R-MTC-01, R-MTC-02)", .serialized)
struct MetrcTableTests {
    @Test("R-MTC-01 R-MTC-02 metrc_sales_orders shows the SO's template id from the outcome and the transfer matched to it")
    func metrcTable() async throws {
        let directory = TemporaryDirectory("metrc")
        let tenant = TenantDirectory(directory.path)
        var events = try ScenarioLog.events()
        let last = events.last!.recordedAt!
        func at(_ minutes: Int64) -> Timestamp { Timestamp(microseconds: last.microseconds + minutes * 60_000_000) }
        // The SO with a package on every line, a template requested and created, then its transfer.
        var so = ScenarioLog.json("distru/sales-order-synced.json")
        let labels = ["1A4FF0100000022000000123", "1A4FF0100000022000000124", "1A4FF0100000022000000123"]
        so["items"] = .array(so["items"]!.array!.enumerated().map { i, item in item.setting("package", ["label": .string(labels[i])]) })
        let soID = so["id"]!.string!
        events.append(EventFactory.observed(.distruOrder, id: soID, bytes: so.canonicalBytes, at: at(1)))
        events.append(try EventFactory.operatorAction(.requestMetrcTemplate(MetrcTemplateRequest(salesOrderID: soID)), at: at(2)))
        let template = Command(
            key: "metrc-template:\(soID)", subject: "distru-order:\(soID)", rule: "R-MTC-01", action: .poll(system: "metrc", kind: "templates"))
        events.append(EventFactory.commandSucceeded(template, response: ScenarioLog.json("metrc/template-create-response.json"), at: at(3)))
        events.append(
            EventFactory.observed(.metrcTransfer, id: "4410022", bytes: ScenarioLog.bytes("metrc/transfer-so-001042.json"), at: at(4)))
        let writer = try EventLogWriter(directory: tenant.logPath, options: EventLogOptions(durability: .none))
        try await writer.append(events)
        await writer.close()

        try await Projector(tenant: tenant).run()
        let rows = try ProjectionDatabase.openReadOnly(tenant).read { db in
            try Row.fetchAll(db, sql: "SELECT so_id, so_number, template_id, template_error, transfer_id, manifest_number FROM metrc_sales_orders")
        }
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["so_id"] as String? == soID && row["so_number"] as String? == "SO-001042")
        #expect(row["template_id"] as String? == "9101" && row["template_error"] as String? == nil)
        #expect(row["transfer_id"] as String? == "4410022" && row["manifest_number"] as String? == "0004410022")
    }
}

extension JSONValue {
    /// A copy with member `key` set (top-level object).
    fileprivate func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
