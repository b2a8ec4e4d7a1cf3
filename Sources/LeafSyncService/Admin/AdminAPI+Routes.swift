import Hummingbird
import LeafSyncJSON

/// Every admin API operation, in the order the OpenAPI document lists them. Queries answer a
/// JSON array (or object) of the desk's rows; actions answer ``Recorded/json``.
extension AdminAPI {
    static let routeTable: [AdminRoute] = [
        AdminRoute(
            .get, "/admin/v1/settings", id: "listSettings", summary: "Every setting and its value (R-SET).", returns: "SettingRows"
        ) { desk, _ in .array(try await desk.settings().map(\.json)) },
        AdminRoute(
            .patch, "/admin/v1/settings", id: "setSettings",
            summary:
                "Change settings: the body's members are the keys `leafsync settings set` takes (syncPrices, orderPollSeconds, statusMapping.Backorder, ...), values as text.",
            body: "SettingsChange", returns: "Recorded"
        ) { desk, input in try await desk.setSettings(input.body).json },
        AdminRoute(
            .get, "/admin/v1/users", id: "listUsers",
            summary: "Each LeafLink rep with its mapped Distru user and, while unmapped, the suggested one (same e-mail) (R-USR-01).",
            returns: "RepRows"
        ) { desk, _ in .array(try await desk.users().map(\.json)) },
        AdminRoute(
            .post, "/admin/v1/users/map", id: "mapUser", summary: "Map a Distru user (id or e-mail) to a LeafLink rep (id or e-mail).",
            body: "MapUser", returns: "Recorded"
        ) { desk, input in
            try await desk.mapUser(try input("user"), toRep: try input("rep")).json
        },
        AdminRoute(
            .post, "/admin/v1/users/unmap", id: "unmapUser", summary: "Undo a mapping, naming the Distru user or the rep.", body: "UserRef",
            returns: "Recorded"
        ) { desk, input in try await desk.unmapUser(try input("user")).json },
        AdminRoute(
            .get, "/admin/v1/products/unlinked", id: "listUnlinkedProducts",
            summary: "Unlinked products on both sides, each with its suggested match (R-PRD-03).", returns: "ProductRows"
        ) { desk, _ in .array(try await desk.unlinkedProducts().map(\.json)) },
        AdminRoute(
            .get, "/admin/v1/products/suggestions", id: "listSuggestions", summary: "Suggested links, all or those of one product.",
            returns: "SuggestionRows", query: ["product": "A product on either side (id or SKU)."]
        ) { desk, input in
            .array(try await desk.suggestions(for: input.optional("product")).map(\.json))
        },
        AdminRoute(
            .post, "/admin/v1/products/link", id: "linkProduct",
            summary: "Link a Distru product to a LeafLink product (ids or SKUs) (R-PRD-01).", body: "LinkProduct", returns: "Recorded"
        ) { desk, input in
            try await desk.link(try input("distruProduct"), to: try input("leafLinkProduct")).json
        },
        AdminRoute(
            .post, "/admin/v1/products/unlink", id: "unlinkProduct", summary: "Unlink a product named on either side (R-PRD-09).",
            body: "ProductRef", returns: "Recorded"
        ) { desk, input in try await desk.unlink(try input("product")).json },
        AdminRoute(
            .post, "/admin/v1/products/accept", id: "acceptSuggestion", summary: "Accept the suggested link of a product (R-PRD-03).",
            body: "ProductRef", returns: "Recorded"
        ) { desk, input in try await desk.accept(try input("product")).json },
        AdminRoute(
            .post, "/admin/v1/products/create-in-leaflink", id: "createInLeafLink",
            summary: "Create a LeafLink product from a Distru product (R-PRD-05).", body: "CreateInLeafLink", returns: "Recorded"
        ) { desk, input in
            let placement = LeafLinkPlacement(
                brand: try input.integer("brand"), category: try input.integer("category"), subcategory: try input.integer("subcategory"),
                license: try input.integer("license"), productLine: try input.integer("productLine"))
            return try await desk.createInLeafLink(try input("product"), name: input.optional("name"), placement: placement).json
        },
        AdminRoute(
            .get, "/admin/v1/customers", id: "listCustomers", summary: "Each LeafLink customer with its Distru company (R-CUS).",
            returns: "CustomerRows"
        ) { desk, _ in .array(try await desk.customers().map(\.json)) },
        AdminRoute(
            .post, "/admin/v1/customers/associate", id: "associateCustomer",
            summary: "Set a LeafLink customer's Distru company (R-CUS-05).", body: "AssociateCustomer", returns: "Recorded"
        ) { desk, input in
            try await desk.associate(customer: try input("customer"), company: try input("company")).json
        },
        AdminRoute(
            .get, "/admin/v1/orders", id: "listOrders", summary: "Each LeafLink order with its sync state, SO and blockers.",
            returns: "OrderRows"
        ) { desk, _ in .array(try await desk.orders().map(\.json)) },
        AdminRoute(
            .get, "/admin/v1/orders/{order}", id: "showOrder", summary: "One order: its sync, the engine's decisions and its open errors.",
            returns: "OrderDetail", path: ["order": "The LeafLink order number or short id."]
        ) { desk, input in try await desk.order(try input("order")).json },
        AdminRoute(
            .post, "/admin/v1/sales-orders/delete", id: "deleteSalesOrder",
            summary: "Delete a synced Distru SO, rejecting or keeping its LeafLink order (R-UPD-04).", body: "DeleteSalesOrder",
            returns: "Recorded"
        ) { desk, input in
            guard let reject = input.optional("reject") else {
                throw OperatorError(field: "reject", message: "missing: true rejects the LeafLink order, false keeps it")
            }
            return try await desk.deleteSalesOrder(try input("salesOrder"), reject: reject == "true").json
        },
        AdminRoute(
            .post, "/admin/v1/metrc/template", id: "requestMetrcTemplate",
            summary: "Create a Metrc outgoing transfer template from an SO, named after its number; the template id or Metrc's error is recorded on the SO (R-MTC-01).",
            body: "SalesOrderRef", returns: "Recorded"
        ) { desk, input in try await desk.metrcTemplate(so: try input("salesOrder")).json },
        AdminRoute(
            .post, "/admin/v1/metrc/match", id: "matchMetrcTransfer",
            summary: "Match an SO to a Metrc transfer by hand, one or more packages per line; the SO is then completed (R-MTC-03).",
            body: "MetrcMatch", returns: "Recorded"
        ) { desk, input in
            try await desk.metrcMatch(so: try input("salesOrder"), transfer: try input("transfer"), lines: try input.packageLines("lines")).json
        },
        AdminRoute(
            .get, "/admin/v1/errors", id: "listErrors", summary: "The open sync errors (all with all=true) (R-ERR).", returns: "ErrorRows",
            query: ["all": "true: resolved errors too."]
        ) { desk, input in .array(try await desk.errors(open: !input.flag("all")).map(\.json)) },
        AdminRoute(
            .post, "/admin/v1/errors/resolve", id: "resolveError",
            summary: "Resolve an error by retrying its failed command (R-ERR-03); other errors answer 422 with their fix.",
            body: "ErrorRef", returns: "Recorded"
        ) { desk, input in try await desk.resolveError(try input("id")).json },
        AdminRoute(
            .post, "/admin/v1/retry", id: "retryCommand", summary: "Send a failed command again, or every failed command (R-ERR-03).",
            body: "Retry", returns: "Recorded"
        ) { desk, input in
            if input.flag("failed") { return try await desk.retryFailed().json }
            return try await desk.retry(key: try input("key")).json
        },
    ]
}
