import Foundation

/// A console form's action: the path it posts to, the page it returns to, and the desk call it
/// makes with the form's fields (the same calls, and the same validation, as the CLI's).
struct ConsoleAction: Sendable {
    var path: String
    var back: ConsolePage
    var run: @Sendable (OperatorDesk, ConsoleForm) async throws -> Recorded

    static let table: [ConsoleAction] = [
        ConsoleAction(path: "/console/users/map", back: .users) { desk, form in
            try await desk.mapUser(form["user"], toRep: form["rep"])
        },
        ConsoleAction(path: "/console/users/unmap", back: .users) { desk, form in
            try await desk.unmapUser(form.optional("user") ?? form["rep"])
        },
        ConsoleAction(path: "/console/products/accept", back: .products) { desk, form in
            // The suggestion is named by its LeafLink product; a Distru-side suggestion is found
            // by its Distru product (the form carries both).
            do {
                return try await desk.accept(form["product"])
            } catch let error as OperatorError {
                guard let distru = form.optional("distruProduct") else { throw error }
                return try await desk.accept(distru)
            }
        },
        ConsoleAction(path: "/console/products/link", back: .products) { desk, form in
            try await desk.link(form["distruProduct"], to: form["leafLinkProduct"])
        },
        ConsoleAction(path: "/console/products/unlink", back: .products) { desk, form in
            try await desk.unlink(form["product"])
        },
        ConsoleAction(path: "/console/products/create-in-leaflink", back: .products) { desk, form in
            let placement = LeafLinkPlacement(
                brand: try form.integer("brand"), category: try form.integer("category"), subcategory: try form.integer("subcategory"),
                license: try form.integer("license"), productLine: try form.integer("productLine"))
            return try await desk.createInLeafLink(form["product"], name: form.optional("name"), placement: placement)
        },
        ConsoleAction(path: "/console/customers/associate", back: .customers) { desk, form in
            try await desk.associate(customer: form["customer"], company: form["company"])
        },
        ConsoleAction(path: "/console/errors/resolve", back: .errors) { desk, form in
            try await desk.resolveError(form["id"])
        },
        ConsoleAction(path: "/console/commands/retry", back: .commands) { desk, form in
            form.optional("failed") == "true" ? try await desk.retryFailed() : try await desk.retry(key: form["key"])
        },
    ]
}

/// A posted form's fields, read like the admin API reads a body: a missing one is an
/// ``OperatorError`` naming it.
struct ConsoleForm: Sendable {
    var fields: [String: String]

    subscript(_ name: String) -> String {
        get throws(OperatorError) {
            guard let value = optional(name) else { throw OperatorError(field: name, message: "missing: fill in \(name)") }
            return value
        }
    }

    func optional(_ name: String) -> String? {
        fields[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An optional LeafLink id, read as the admin API reads one.
    func integer(_ name: String) throws(OperatorError) -> Int? { try AdminInput(values: fields, body: [:]).integer(name) }
}
