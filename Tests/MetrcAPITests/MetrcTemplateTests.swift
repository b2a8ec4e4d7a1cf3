import Foundation
import HTTPClientSupport
import LeafSyncJSON
import LeafSyncTestSupport
import MetrcAPI
import MetrcSimulator
import NIOHTTP1
import Testing

func template(
    _ name: String, labels: [String] = [MetrcDemo.darkChocolate], recipient: String = MetrcDemo.goodVibrations
) -> MetrcTemplateWrite {
    MetrcTemplateWrite(
        name: name,
        destinations: [
            .init(
                recipientLicenseNumber: recipient, transferTypeName: "Wholesale Manifest", invoiceNumber: name,
                packages: labels.map { .init(packageLabel: $0, wholesalePrice: Decimal(string: "480.00")) })
        ])
}

@Suite("Metrc transfer templates")
struct MetrcTemplateTests {
    @Test("R-MTC-01: a template is created, listed, updated and archived")
    func lifecycle() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            let id = try await c.createOutgoingTemplate(template("SO-001042"), licenseNumber: MetrcDemo.mainWarehouse)
            let now = MetrcTimestamp.now
            func listed() async throws -> [MetrcTemplateModel] {
                try await c.outgoingTemplates(
                    licenseNumber: MetrcDemo.mainWarehouse, from: now.moved(by: .seconds(-600)), to: now.moved(by: .seconds(600))
                ).map(\.value)
            }
            #expect(try await listed().map(\.name) == ["SO-001042"])
            #expect(try await listed().first?.packageCount == 1)
            var changed = template("SO-001042 (2)", labels: [MetrcDemo.darkChocolate] + MetrcDemo.preRolls)
            changed.id = id
            try await c.updateOutgoingTemplates([changed], licenseNumber: MetrcDemo.mainWarehouse)
            #expect(try await listed().map { "\($0.id) \($0.name) \($0.packageCount ?? 0)" } == ["\(id) SO-001042 (2) 3"])
            try await c.archiveOutgoingTemplate(id: id, licenseNumber: MetrcDemo.mainWarehouse)
            #expect(try await listed().isEmpty)
            let stored = try await control(sim, .GET, "/_sim/templates").arrayValue ?? []
            #expect(stored.map { $0["IsArchived"]?.boolValue } == [true])
        }
    }

    @Test("templates are validated like Metrc: each problem named by row, nothing created")
    func validation() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            var noName = template("")
            noName.destinations[0].transferTypeName = ""
            let error = try await #require(throws: APIError.self) {
                try await c.createOutgoingTemplates(
                    [template("SO-1"), noName, template("SO-3", labels: ["1A4FF0100000022000009999"])],
                    licenseNumber: MetrcDemo.mainWarehouse)
            }
            #expect(error.status == 400)
            let messages = error.details.map(\.description)
            #expect(messages.contains("row.1: Name is required."))
            #expect(messages.contains("row.1: Destinations[0].TransferTypeName is required."))
            #expect(messages.contains { $0.hasPrefix("row.2: Package 1A4FF0100000022000009999 was not found") })
            // A package of another facility is not in this one's inventory.
            let elsewhere = try await #require(throws: APIError.self) {
                try await c.createOutgoingTemplate(template("SO-4"), licenseNumber: MetrcDemo.northVault)
            }
            #expect(elsewhere.status == 400)
            #expect(try await control(sim, .GET, "/_sim/state")["templates"]?.intValue == 0)
        }
    }

    @Test("writes: over 10 objects the simulator answers 413; the client sends 12 templates in two requests")
    func chunking() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            let eleven = JSONValue.array((0..<11).map { template("SO-\($0)").json })
            let refused = try await #require(throws: APIError.self) {
                try await c.send(
                    .POST, "transfers/v2/templates/outgoing", query: [("licenseNumber", MetrcDemo.mainWarehouse)], body: eleven)
            }
            #expect(refused.status == 413 && refused.description.contains("at most 10"))
            try await control(sim, .DELETE, "/_sim/requests")
            let ids = try await c.createOutgoingTemplates((0..<12).map { template("SO-\($0)") }, licenseNumber: MetrcDemo.mainWarehouse)
            #expect(ids.count == 12 && Set(ids).count == 12)
            let posts = try await metrcRequests(sim).filter { $0["method"]?.stringValue == "POST" }
            #expect(posts.count == 2 && posts.allSatisfy { $0["status"]?.intValue == 200 })
        }
    }

    @Test("the UI's 'transfer from template' keeps OriginatingTemplateId; deliveries and packages read back")
    func transferFromTemplate() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            let id = try await c.createOutgoingTemplate(
                template("SO-001043", labels: MetrcDemo.preRolls, recipient: MetrcDemo.mileHighGreens),
                licenseNumber: MetrcDemo.mainWarehouse)
            let made = try await control(sim, .POST, "/_sim/templates/\(id)/transfer")
            let now = MetrcTimestamp.now
            let rows = try await c.outgoingTransfers(
                licenseNumber: MetrcDemo.mainWarehouse, from: now.moved(by: .seconds(-600)), to: now.moved(by: .seconds(60)))
            let row = try #require(rows.first?.value)
            #expect(row.originatingTemplateId == id && row.id == made["Id"]?.intValue && !row.isVoided)
            let delivery = try #require(try await c.deliveries(transferID: String(row.id)).first?.value)
            #expect(delivery.recipientFacilityLicenseNumber == MetrcDemo.mileHighGreens && delivery.invoiceNumber == "SO-001043")
            let packages = try await c.packages(deliveryID: String(delivery.id)).map(\.value)
            #expect(packages.map(\.packageLabel) == MetrcDemo.preRolls)
            #expect(packages.allSatisfy { $0.shipmentPackageState == .shipped && $0.itemName == "Peak Pre-Roll 1g Blue Dream" })
        }
    }
}
