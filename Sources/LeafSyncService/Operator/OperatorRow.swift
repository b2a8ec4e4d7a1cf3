public import LeafSyncJSON

/// A row an operator query returns: a table line for people (`columns`, `cells`) and a JSON
/// object for scripts and the admin API (`json`), both from the same value.
public protocol OperatorRow: Sendable {
    /// The table's column titles, in order.
    static var columns: [String] { get }
    /// This row's cells, one per column (`nil` shows empty in a table).
    var cells: [String?] { get }
    /// This row as a JSON object.
    var json: JSONValue { get }
}

extension JSONValue {
    /// `.string(text)`, or `null` when there is none.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}

/// A person on one side, as rows show them: id, name, e-mail.
public struct PersonRef: Equatable, Sendable {
    public var id: String
    public var name: String
    public var email: String?

    public var json: JSONValue { .object(["id": .string(id), "name": .string(name), "email": .optional(email)]) }
    /// `Jane Doe <jane@seller.example>`.
    public var label: String { email.map { "\(name) <\($0)>" } ?? name }
}

/// R-USR-01: a LeafLink rep, the Distru user it is mapped to, and the one suggested (same e-mail,
/// not mapped to another rep) while it is not mapped.
public struct RepRow: OperatorRow, Equatable {
    public var rep: PersonRef
    public var active: Bool
    public var mapped: PersonRef?
    public var suggested: PersonRef?

    public static let columns = ["REP", "NAME", "E-MAIL", "MAPPED TO", "SUGGESTED"]
    public var cells: [String?] { [rep.id, rep.name, rep.email, mapped.map { "\($0.label) \($0.id)" }, suggested.map { "\($0.label) \($0.id)" }] }
    public var json: JSONValue {
        .object([
            "rep": rep.json, "active": .bool(active), "mapped": mapped?.json ?? .null, "suggested": suggested?.json ?? .null,
        ])
    }
}

/// An unlinked product on one side, with its best candidate on the other (R-PRD-03).
public struct ProductRow: OperatorRow, Equatable {
    /// `distru` or `leaflink`.
    public var side: String
    public var id: String
    public var name: String
    public var sku: String?
    /// The suggested product on the other side, its score and why.
    public var suggestion: SuggestionRow?

    public static let columns = ["SIDE", "ID", "NAME", "SKU", "SUGGESTED"]
    public var cells: [String?] { [side, id, name, sku, suggestion.map { "\(side == "distru" ? $0.leafLinkProduct : $0.distruProduct) (\($0.reason))" }] }
    public var json: JSONValue {
        .object([
            "side": .string(side), "id": .string(id), "name": .string(name), "sku": .optional(sku),
            "suggestion": suggestion?.json ?? .null,
        ])
    }
}

/// A suggested link (R-PRD-03): accepting it links the two products.
public struct SuggestionRow: OperatorRow, Equatable {
    public var distruProduct: String
    public var distruName: String
    public var leafLinkProduct: String
    public var leafLinkName: String
    public var score: Int
    public var reason: String

    public static let columns = ["DISTRU", "DISTRU NAME", "LEAFLINK", "LEAFLINK NAME", "SCORE", "WHY"]
    public var cells: [String?] { [distruProduct, distruName, leafLinkProduct, leafLinkName, String(score), reason] }
    public var json: JSONValue {
        .object([
            "distruProduct": .string(distruProduct), "distruName": .string(distruName), "leafLinkProduct": .string(leafLinkProduct),
            "leafLinkName": .string(leafLinkName), "score": .int(score), "reason": .string(reason),
        ])
    }
}

/// A LeafLink customer and the Distru company it is associated with (R-CUS).
public struct CustomerRow: OperatorRow, Equatable {
    public var id: String
    public var name: String
    public var license: String?
    public var companyID: String?
    public var companyName: String?

    public static let columns = ["CUSTOMER", "NAME", "LICENSE", "DISTRU COMPANY"]
    public var cells: [String?] { [id, name, license, companyID.map { "\(companyName ?? "?") \($0)" }] }
    public var json: JSONValue {
        .object([
            "id": .string(id), "name": .string(name), "license": .optional(license), "companyID": .optional(companyID),
            "companyName": .optional(companyName),
        ])
    }
}

/// A LeafLink order and its sync to a Distru SO.
public struct OrderRow: OperatorRow, Equatable {
    public var number: String
    public var shortID: String?
    public var status: String
    public var customer: String?
    /// `notSynced`, `blocked`, `creating`, `synced` or `unsynced`.
    public var phase: String
    public var salesOrderID: String?
    public var salesOrderNumber: String?
    /// Why the order waits, when it is blocked.
    public var blockers: [String]

    public static let columns = ["ORDER", "SHORT ID", "STATUS", "CUSTOMER", "SYNC", "SO", "BLOCKED BY"]
    public var cells: [String?] {
        [number, shortID, status, customer, phase, salesOrderNumber ?? salesOrderID, blockers.isEmpty ? nil : blockers.joined(separator: "; ")]
    }
    public var json: JSONValue {
        .object([
            "number": .string(number), "shortID": .optional(shortID), "status": .string(status), "customer": .optional(customer),
            "phase": .string(phase), "salesOrderID": .optional(salesOrderID), "salesOrderNumber": .optional(salesOrderNumber),
            "blockers": .array(blockers.map(JSONValue.string)),
        ])
    }
}

/// One order in detail: its row, the engine's decisions about it (with rule ids), its open errors.
public struct OrderDetail: Equatable, Sendable {
    public var order: OrderRow
    public var decisions: [String]
    public var errors: [ErrorRow]

    public var json: JSONValue {
        guard case .object(var object) = order.json else { return order.json }
        object["decisions"] = .array(decisions.map(JSONValue.string))
        object["errors"] = .array(errors.map(\.json))
        return .object(object)
    }

    /// The order for people: its fields, then its decisions and errors.
    public var text: String {
        var lines = zip(OrderRow.columns, order.cells).map { "\($0.0.lowercased()): \($0.1 ?? "")" }
        lines += decisions.isEmpty ? [] : ["decisions:"] + decisions.map { "  \($0)" }
        lines += errors.isEmpty ? [] : ["open errors:"] + errors.map { "  \($0.id): \($0.message) (fix: \($0.fix))" }
        return lines.joined(separator: "\n")
    }
}

/// A sync error (R-ERR-01): the entity, the rule, what failed and how to fix it.
public struct ErrorRow: OperatorRow, Equatable {
    public var id: String
    public var subject: String
    public var rule: String
    public var message: String
    public var fix: String
    public var opened: String
    public var resolved: String?

    public static let columns = ["ID", "RULE", "OPENED", "RESOLVED", "MESSAGE", "FIX"]
    public var cells: [String?] { [id, rule, opened, resolved, message, fix] }
    public var json: JSONValue {
        .object([
            "id": .string(id), "subject": .string(subject), "rule": .string(rule), "message": .string(message), "fix": .string(fix),
            "opened": .string(opened), "resolved": .optional(resolved),
        ])
    }
}

/// One setting: its key (as `settings set KEY=VALUE` takes it) and current value.
public struct SettingRow: OperatorRow, Equatable {
    public var key: String
    public var value: String

    public static let columns = ["KEY", "VALUE"]
    public var cells: [String?] { [key, value] }
    public var json: JSONValue { .object(["key": .string(key), "value": .string(value)]) }
}
