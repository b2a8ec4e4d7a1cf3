import Hummingbird
import LeafSyncJSON

/// Every admin API operation, in the order the OpenAPI document lists them. Queries answer a
/// JSON array (or object) of the desk's rows; actions answer ``Recorded/json``.
extension AdminAPI {
    static let routeTable: [AdminRoute] = [
        AdminRoute(method: .get, path: "/admin/v1/settings") { desk, _ in .array(try await desk.settings().map(\.json)) },
        AdminRoute(method: .patch, path: "/admin/v1/settings") { desk, input in try await desk.setSettings(input.body).json },
        AdminRoute(method: .get, path: "/admin/v1/users") { desk, _ in .array(try await desk.users().map(\.json)) },
        AdminRoute(method: .post, path: "/admin/v1/users/map") { desk, input in
            try await desk.mapUser(try input("user"), toRep: try input("rep")).json
        },
        AdminRoute(method: .post, path: "/admin/v1/users/unmap") { desk, input in try await desk.unmapUser(try input("user")).json },
        AdminRoute(method: .get, path: "/admin/v1/products/unlinked") { desk, _ in .array(try await desk.unlinkedProducts().map(\.json)) },
        AdminRoute(method: .get, path: "/admin/v1/products/suggestions") { desk, input in
            .array(try await desk.suggestions(for: input.optional("product")).map(\.json))
        },
        AdminRoute(method: .post, path: "/admin/v1/products/link") { desk, input in
            try await desk.link(try input("distruProduct"), to: try input("leafLinkProduct")).json
        },
        AdminRoute(method: .post, path: "/admin/v1/products/unlink") { desk, input in try await desk.unlink(try input("product")).json },
        AdminRoute(method: .post, path: "/admin/v1/products/accept") { desk, input in try await desk.accept(try input("product")).json },
        AdminRoute(method: .post, path: "/admin/v1/products/create-in-leaflink") { desk, input in
            try await desk.createInLeafLink(try input("product"), name: input.optional("name")).json
        },
        AdminRoute(method: .get, path: "/admin/v1/customers") { desk, _ in .array(try await desk.customers().map(\.json)) },
        AdminRoute(method: .post, path: "/admin/v1/customers/associate") { desk, input in
            try await desk.associate(customer: try input("customer"), company: try input("company")).json
        },
        AdminRoute(method: .get, path: "/admin/v1/orders") { desk, _ in .array(try await desk.orders().map(\.json)) },
        AdminRoute(method: .get, path: "/admin/v1/orders/{order}") { desk, input in try await desk.order(try input("order")).json },
        AdminRoute(method: .post, path: "/admin/v1/sales-orders/delete") { desk, input in
            guard let reject = input.optional("reject") else {
                throw OperatorError(field: "reject", message: "missing: true rejects the LeafLink order, false keeps it")
            }
            return try await desk.deleteSalesOrder(try input("salesOrder"), reject: reject == "true").json
        },
        AdminRoute(method: .get, path: "/admin/v1/errors") { desk, input in .array(try await desk.errors(open: !input.flag("all")).map(\.json)) },
        AdminRoute(method: .post, path: "/admin/v1/errors/resolve") { desk, input in try await desk.resolveError(try input("id")).json },
        AdminRoute(method: .post, path: "/admin/v1/retry") { desk, input in
            if input.flag("failed") { return try await desk.retryFailed().json }
            return try await desk.retry(key: try input("key")).json
        },
    ]
}
