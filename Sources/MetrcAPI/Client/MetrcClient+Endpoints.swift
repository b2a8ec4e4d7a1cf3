public import Foundation
public import HTTPClientSupport
public import LeafSyncJSON
import NIOHTTP1

extension RemoteClient where Vendor == MetrcVendor {
    // MARK: Facilities

    /// `GET /facilities/v2/`: the facilities the keys reach, each with its licence number.
    public func facilities() async throws -> [Fetched<MetrcFacilityModel>] {
        try await listAll("facilities/v2/").map { try $0.metrcModel() }
    }

    /// The licence numbers of the facilities the keys reach, and Metrc's clock when it
    /// answered (its `Date` header, when sent): where a pass over "now" should end.
    public func facilityLicenses() async throws -> (numbers: [String], serverDate: MetrcTimestamp?) {
        let response = try await send(.GET, "facilities/v2/")
        let numbers = try APIPage<MetrcVendor>(response: response).records.map {
            try $0.metrcModel(MetrcFacilityModel.self).value.license.number
        }
        return (numbers, response.serverDate)
    }

    // MARK: Transfers

    /// Walks `licenseNumber`'s outgoing transfers changed between `from` and `to` in windows of
    /// at most 24 hours (``MetrcWindows``), each window page by page. A transfer changed inside
    /// two overlapping windows comes twice: callers dedupe by `Id` and `LastModified`.
    public func forEachOutgoingTransferPage(
        licenseNumber: String, from: MetrcTimestamp, to: MetrcTimestamp, overlap: Duration = .seconds(60),
        isolation: isolated (any Actor)? = #isolation, _ body: (MetrcPage) async throws -> Void
    ) async throws {
        for w in MetrcWindows(from: from, to: to, overlap: overlap) {
            try await forEachNumberedPage(
                MetrcResource.outgoingTransfers.path, licenseNumber: licenseNumber,
                query: [("lastModifiedStart", w.start.text), ("lastModifiedEnd", w.end.text)], isolation: isolation, body)
        }
    }

    /// `licenseNumber`'s outgoing transfers changed between `from` and `to`, each once (its
    /// latest row).
    public func outgoingTransfers(
        licenseNumber: String, from: MetrcTimestamp, to: MetrcTimestamp
    ) async throws -> [Fetched<MetrcTransferModel>] {
        var rows: [Int: Fetched<MetrcTransferModel>] = [:]
        var order: [Int] = []
        try await forEachOutgoingTransferPage(licenseNumber: licenseNumber, from: from, to: to, isolation: nil) { page in
            for raw in page.records {
                let row: Fetched<MetrcTransferModel> = try raw.metrcModel()
                if rows[row.value.id] == nil { order.append(row.value.id) }
                rows[row.value.id] = row
            }
        }
        return order.compactMap { rows[$0] }
    }

    /// `GET /transfers/v2/{id}/deliveries`: a transfer's deliveries (recipient, invoice number).
    public func deliveryRecords(transferID: String) async throws -> [RawRecord] {
        try await listAllNumbered("transfers/v2/\(Self.escape(transferID))/deliveries")
    }

    /// `GET /transfers/v2/deliveries/{id}/packages`: a delivery's packages and their states.
    public func packageRecords(deliveryID: String) async throws -> [RawRecord] {
        try await listAllNumbered("transfers/v2/deliveries/\(Self.escape(deliveryID))/packages")
    }

    public func deliveries(transferID: String) async throws -> [Fetched<MetrcDeliveryModel>] {
        try await deliveryRecords(transferID: transferID).map { try $0.metrcModel() }
    }

    public func packages(deliveryID: String) async throws -> [Fetched<MetrcPackageModel>] {
        try await packageRecords(deliveryID: deliveryID).map { try $0.metrcModel() }
    }

    /// A transfer row completed with its deliveries, each with its packages: the row's members,
    /// then `"Deliveries": [{…delivery…, "Packages": [{…package…}]}]`, every row as Metrc sent
    /// it. This is the payload of `metrc.transfer.observed` (LeafSyncDomain's `MetrcTransfer`
    /// decodes it).
    public func completeTransfer(_ row: RawRecord) async throws -> RawRecord {
        guard case .object(var transfer) = try row.json(), let id = RawRecord.text(transfer["Id"]) else {
            throw APIError.malformedResponse(row.call, reason: "a transfer without `Id`", body: row.bytes)
        }
        var deliveries: [JSONValue] = []
        for d in try await deliveryRecords(transferID: id) {
            guard case .object(var delivery) = try d.json(), let deliveryID = RawRecord.text(delivery["Id"]) else {
                throw APIError.malformedResponse(d.call, reason: "a delivery without `Id`", body: d.bytes)
            }
            delivery["Packages"] = .array(try await packageRecords(deliveryID: deliveryID).map { try $0.json() })
            deliveries.append(.object(delivery))
        }
        transfer["Deliveries"] = .array(deliveries)
        return RawRecord(bytes: JSONValue.object(transfer).serialized(), call: row.call)
    }

    // MARK: Templates

    /// The most objects Metrc takes in one write (more is a 413).
    public static var maximumWriteObjects: Int { 10 }

    /// `POST /transfers/v2/templates/outgoing?licenseNumber=…`, at most 10 templates a request
    /// (more are sent in further requests). Returns the new template ids in order. Not retried
    /// after a lost answer (it could create twice): list the templates to see what exists.
    public func createOutgoingTemplates(_ templates: [MetrcTemplateWrite], licenseNumber: String) async throws -> [Int] {
        try await writeTemplates(.POST, templates, licenseNumber: licenseNumber)
    }

    /// Creates one template; returns its id.
    public func createOutgoingTemplate(_ template: MetrcTemplateWrite, licenseNumber: String) async throws -> Int {
        let ids = try await createOutgoingTemplates([template], licenseNumber: licenseNumber)
        guard let id = ids.first else {
            throw APIError(
                service: MetrcVendor.name, kind: .malformedResponse(reason: "no template id returned"), call: nil,
                hint: "list the licence's templates to see whether it was created")
        }
        return id
    }

    /// `PUT /transfers/v2/templates/outgoing?licenseNumber=…`: replaces templates by their
    /// ``MetrcTemplateWrite/id`` (10 a request). Idempotent, so retried.
    public func updateOutgoingTemplates(_ templates: [MetrcTemplateWrite], licenseNumber: String) async throws {
        _ = try await writeTemplates(.PUT, templates, licenseNumber: licenseNumber)
    }

    /// `DELETE /transfers/v2/templates/outgoing/{id}?licenseNumber=…`: archives a template.
    public func archiveOutgoingTemplate(id: Int, licenseNumber: String) async throws {
        _ = try await send(.DELETE, "\(MetrcResource.outgoingTemplates.path)/\(id)", query: [("licenseNumber", licenseNumber)])
    }

    /// `licenseNumber`'s templates changed between `from` and `to` (walked in 24-hour windows).
    public func outgoingTemplates(
        licenseNumber: String, from: MetrcTimestamp, to: MetrcTimestamp
    ) async throws -> [Fetched<MetrcTemplateModel>] {
        var rows: [Int: Fetched<MetrcTemplateModel>] = [:]
        var order: [Int] = []
        for w in MetrcWindows(from: from, to: to) {
            for raw in try await listAllNumbered(
                MetrcResource.outgoingTemplates.path, licenseNumber: licenseNumber,
                query: [("lastModifiedStart", w.start.text), ("lastModifiedEnd", w.end.text)])
            {
                let row: Fetched<MetrcTemplateModel> = try raw.metrcModel()
                if rows[row.value.id] == nil { order.append(row.value.id) }
                rows[row.value.id] = row
            }
        }
        return order.compactMap { rows[$0] }
    }

    /// Sends `templates` in chunks of ``maximumWriteObjects``, collecting the `Ids` answered.
    func writeTemplates(_ method: HTTPMethod, _ templates: [MetrcTemplateWrite], licenseNumber: String) async throws -> [Int] {
        var ids: [Int] = []
        var start = 0
        while start < templates.count {
            let chunk = templates[start..<min(start + Self.maximumWriteObjects, templates.count)]
            let response = try await send(
                method, MetrcResource.outgoingTemplates.path, query: [("licenseNumber", licenseNumber)], body: .array(chunk.map(\.json)))
            let answer = response.body.isEmpty ? nil : try? JSONParser.parse(response.body)
            ids += (answer?["Ids"]?.arrayValue ?? []).compactMap(\.intValue)
            start += chunk.count
        }
        return ids
    }
}
