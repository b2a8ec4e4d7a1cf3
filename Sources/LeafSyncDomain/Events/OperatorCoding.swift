import Foundation

/// JSON payloads of operator events (camelCase keys, sorted, no spaces).
enum OperatorCoding {
    struct Flat: Codable {
        var distruUserID: String?
        var leafLinkStaffID: Int?
        var distruProductID: String?
        var leafLinkProductID: Int?
        var leafLinkCustomerID: Int?
        var distruCompanyID: String?
        var salesOrderID: String?
        var rejectInLeafLink: Bool?
        var transferID: String?
        var packages: [PackageAssignment]?
    }

    static func encode(_ action: OperatorAction) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch action {
        case .changeSettings(let s): data = try? encoder.encode(s)
        case .createLeafLinkProduct(let r), .updateLeafLinkProductFields(let r): data = try? encoder.encode(r)
        case .requestMetrcTemplate(let r): data = try? encoder.encode(r)
        case .mapRep(let u, let s): data = try? encoder.encode(Flat(distruUserID: u, leafLinkStaffID: s))
        case .unmapRep(let u): data = try? encoder.encode(Flat(distruUserID: u))
        case .linkProduct(let d, let l), .acceptSuggestion(let d, let l):
            data = try? encoder.encode(Flat(distruProductID: d, leafLinkProductID: l))
        case .unlinkProduct(let d): data = try? encoder.encode(Flat(distruProductID: d))
        case .associateCustomer(let c, let d): data = try? encoder.encode(Flat(leafLinkCustomerID: c, distruCompanyID: d))
        case .deleteSalesOrder(let so, let reject): data = try? encoder.encode(Flat(salesOrderID: so, rejectInLeafLink: reject))
        case .matchMetrcTransfer(let so, let t, let p): data = try? encoder.encode(Flat(salesOrderID: so, transferID: t, packages: p))
        }
        return Array(data ?? Data("{}".utf8))
    }

    static func decode(type: String, json: JSON) throws(RecordDecodingError) -> OperatorAction {
        let data = Data(json.canonicalBytes)
        let decoder = JSONDecoder()
        func need<T>(_ value: T?, _ field: String) throws(RecordDecodingError) -> T {
            guard let value else { throw .invalidPayload(type: type, reason: "missing \(field)") }
            return value
        }
        do {
            switch type {
            case EventType.settingsChanged: return .changeSettings(try decoder.decode(SettingsChange.self, from: data))
            case EventType.productCreateRequested: return .createLeafLinkProduct(try decoder.decode(LeafLinkProductRequest.self, from: data))
            case EventType.productFieldsChanged: return .updateLeafLinkProductFields(try decoder.decode(LeafLinkProductRequest.self, from: data))
            case EventType.metrcTemplateRequested: return .requestMetrcTemplate(try decoder.decode(MetrcTemplateRequest.self, from: data))
            default: break
            }
            let f = try decoder.decode(Flat.self, from: data)
            switch type {
            case EventType.repMapped: return .mapRep(distruUserID: try need(f.distruUserID, "distruUserID"), leafLinkStaffID: try need(f.leafLinkStaffID, "leafLinkStaffID"))
            case EventType.repUnmapped: return .unmapRep(distruUserID: try need(f.distruUserID, "distruUserID"))
            case EventType.productLinked: return .linkProduct(distruProductID: try need(f.distruProductID, "distruProductID"), leafLinkProductID: try need(f.leafLinkProductID, "leafLinkProductID"))
            case EventType.suggestionAccepted: return .acceptSuggestion(distruProductID: try need(f.distruProductID, "distruProductID"), leafLinkProductID: try need(f.leafLinkProductID, "leafLinkProductID"))
            case EventType.productUnlinked: return .unlinkProduct(distruProductID: try need(f.distruProductID, "distruProductID"))
            case EventType.customerAssociated: return .associateCustomer(leafLinkCustomerID: try need(f.leafLinkCustomerID, "leafLinkCustomerID"), distruCompanyID: try need(f.distruCompanyID, "distruCompanyID"))
            case EventType.salesOrderDeleted: return .deleteSalesOrder(salesOrderID: try need(f.salesOrderID, "salesOrderID"), rejectInLeafLink: f.rejectInLeafLink ?? false)
            case EventType.metrcTransferMatched: return .matchMetrcTransfer(salesOrderID: try need(f.salesOrderID, "salesOrderID"), transferID: try need(f.transferID, "transferID"), packages: f.packages ?? [])
            default: throw RecordDecodingError.invalidPayload(type: type, reason: "unknown operator action")
            }
        } catch let error as RecordDecodingError {
            throw error
        } catch {
            throw .invalidPayload(type: type, reason: "\(error)")
        }
    }
}
