import Foundation
import Hummingbird
import LeafSyncJSON

/// One admin API operation: its method and OpenAPI path (`/admin/v1/orders/{order}`), and what
/// it does with the desk given the request's query, path and body members (all as text).
struct AdminRoute: Sendable {
    var method: HTTPRequest.Method
    var path: String
    /// The OpenAPI operationId, summary, request body and answer schema names, and parameters.
    var id: String
    var summary: String
    var body: String?
    var returns: String
    var query: [String: String]
    var pathParameters: [String: String]
    var run: @Sendable (OperatorDesk, AdminInput) async throws -> JSONValue

    init(
        _ method: HTTPRequest.Method, _ path: String, id: String, summary: String, body: String? = nil, returns: String,
        query: [String: String] = [:], path pathParameters: [String: String] = [:],
        run: @escaping @Sendable (OperatorDesk, AdminInput) async throws -> JSONValue
    ) {
        self.method = method
        self.path = path
        self.id = id
        self.summary = summary
        self.body = body
        self.returns = returns
        self.query = query
        self.pathParameters = pathParameters
        self.run = run
    }

    /// The path as Hummingbird spells a parameter: `{order}` → `:order`.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
    }
}

/// What a request gave: path parameters, query parameters and the JSON body's members, each as
/// text (`501` and `"501"` alike), so the desk reads ids the way the CLI does.
struct AdminInput: Sendable {
    var values: [String: String]
    /// The body's object members, for `PATCH /settings` (whose keys are the settings).
    var body: [String: String]
    /// The body's members as sent, for the structured ones (the lines of a Metrc match).
    var members: [String: JSONValue] = [:]

    /// A required member; missing → an ``OperatorError`` naming it.
    func callAsFunction(_ name: String) throws(OperatorError) -> String {
        guard let value = values[name], !value.isEmpty else {
            throw OperatorError(field: name, message: "missing: give \"\(name)\" in the JSON body (or the query)")
        }
        return value
    }

    func optional(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// An optional whole-number member; present but not a number → an ``OperatorError`` naming it.
    func integer(_ name: String) throws(OperatorError) -> Int? {
        guard let text = optional(name) else { return nil }
        guard let number = Int(text) else { throw OperatorError(field: name, message: "'\(text)' is not a LeafLink id (a whole number)") }
        return number
    }

    /// Package labels per SO line: an object `{"LINE": ["LABEL", …] or "LABEL,LABEL", …}`, each
    /// line an item id or a 1-based position; missing → an ``OperatorError`` naming the member.
    func packageLines(_ name: String) throws(OperatorError) -> [(line: String, labels: [String])] {
        guard case .object(let lines)? = members[name] else {
            throw OperatorError(field: name, message: "missing: give \"\(name)\": {\"LINE\": [\"LABEL\", …]} (LINE: an item id or a 1-based position)")
        }
        return lines.map { line, value in
            let labels: [String] =
                switch value {
                case .array(let items): items.compactMap(Self.text)
                default: (Self.text(value) ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                }
            return (line, labels.filter { !$0.isEmpty })
        }
    }

    func flag(_ name: String) -> Bool { ["true", "1", "yes"].contains(values[name]?.lowercased() ?? "") }

    /// A JSON scalar as text: strings as they are, numbers and booleans as written, `null` as nothing.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): String(b)
        case .null, .array, .object: nil
        }
    }
}
