import Foundation
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport
import Testing

/// The Metrc operator actions on a tenant holding the Distru demo SOs and the Metrc demo transfer.
@Suite("Operator desk: Metrc template and manual match")
struct OperatorMetrcTests {
    /// The demo LL order a6a3a450 with the demo seed's SO-001042 (one line, no package) made
    /// from it, and the Metrc demo transfer 9188201 (manifest 0009188201).
    static func tenant() async throws -> OperatorTenant {
        func records(_ url: URL) throws -> [JSONValue] { try JSONParser.parse(Array(try Data(contentsOf: url))).array ?? [] }
        var extra: [NewEvent] = []
        let order = try #require(try records(Paths.leafLinkDemo.appendingPathComponent("orders-received.json")).first { $0["number"] == .string(Self.order) })
        extra.append(EventFactory.observed(.leafLinkOrder, id: Self.order, bytes: JSONWriter.compactBytes(order)))
        var so = try #require(try records(Paths.distruDemo.appendingPathComponent("orders.json")).first { $0["order_number"] == "SO-001042" })
        so["leaflink_id"] = .string(Self.order)
        so["leaflink_order_number"] = .string(Self.order)
        extra.append(EventFactory.observed(.distruOrder, id: so["id"]?.stringValue ?? "", bytes: JSONWriter.compactBytes(so)))
        for t in try records(Paths.metrcDemo.appendingPathComponent("transfers.json")) {
            extra.append(EventFactory.observed(.metrcTransfer, id: t["Id"].flatMap(AdminText.text) ?? "", bytes: JSONWriter.compactBytes(t)))
        }
        return try await OperatorTenant.make(extra: extra)
    }

    static let order = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"

    @Test("R-MTC-01, R-MTC-03: an unknown SO, transfer or line, or a line without labels, is an OperatorError naming the field, and nothing is recorded")
    func unknownsRecordNothing() async throws {
        let tenant = try await Self.tenant()
        let count = try tenant.eventCount()
        func field(_ body: () async throws -> Recorded) async -> String? {
            do {
                _ = try await body()
                return nil
            } catch let error as OperatorError {
                return error.field
            } catch {
                return "\(error)"
            }
        }
        #expect(await field { try await tenant.desk.metrcTemplate(so: "SO-999999") } == "sales-order")
        #expect(await field { try await tenant.desk.metrcMatch(so: "SO-999999", transfer: "9188201", lines: [("1", ["L"])]) } == "sales-order")
        #expect(await field { try await tenant.desk.metrcMatch(so: "SO-001042", transfer: "4242", lines: [("1", ["L"])]) } == "transfer")
        #expect(await field { try await tenant.desk.metrcMatch(so: "SO-001042", transfer: "9188201", lines: [("2", ["L"])]) } == "line")
        #expect(await field { try await tenant.desk.metrcMatch(so: "SO-001042", transfer: "9188201", lines: [("nope", ["L"])]) } == "line")
        #expect(await field { try await tenant.desk.metrcMatch(so: "SO-001042", transfer: "9188201", lines: [("1", [])]) } == "line")
        #expect(await field { try await tenant.desk.metrcMatch(so: "SO-001042", transfer: "9188201", lines: []) } == "line")
        await tenant.log.close()
        #expect(try tenant.eventCount() == count)
    }

    @Test("R-MTC-01: a template for an SO whose line has no Metrc package is recorded and refused with the reason")
    func templateRefused() async throws {
        let tenant = try await Self.tenant()
        let recorded = try await tenant.desk.metrcTemplate(so: "so-001042")
        #expect(recorded.summary.contains("SO-001042"))
        #expect(recorded.refusal?.contains("no Metrc package") == true, "\(recorded.refusal ?? "not refused")")
        await tenant.log.close()
    }

    @Test("R-MTC-03: a match naming the transfer by manifest number and the line by position is recorded with the line's item id; a second one comes back refused")
    func matchRecordedThenRefused() async throws {
        let tenant = try await Self.tenant()
        let recorded = try await tenant.desk.metrcMatch(so: "SO-001042", transfer: "0009188201", lines: [("1", ["1A4FF0100000022000001234"])])
        #expect(recorded.summary.contains("0009188201") && recorded.summary.contains("1 package(s) on 1 line(s)"), "\(recorded.summary)")
        #expect(recorded.refusal == nil, "\(recorded.refusal ?? "")")
        let again = try await tenant.desk.metrcMatch(so: Self.order, transfer: "9188201", lines: [("1", ["1A4FF0100000022000001234"])])
        #expect(again.refusal?.contains("already matched") == true, "\(again.refusal ?? "not refused")")
        await tenant.log.close()
        let events = try EventLogReader(directory: tenant.logPath).readAll()
        let payload = try JSONParser.parse(try #require(events.last { $0.type == EventType.metrcTransferMatched }).payload.bytes)
        #expect(payload["transferID"] == "9188201")
        #expect(payload["packages"]?.arrayValue?.first?["lineID"] == "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")
    }
}
