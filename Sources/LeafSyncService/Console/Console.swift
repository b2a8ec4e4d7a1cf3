public import Hummingbird
import LeafSyncDomain

/// The operator console: the desk's queries and actions as server-rendered HTML pages under
/// `/console/`, for people (the admin API under `/admin/v1/` is the same desk for scripts).
///
/// `leafsync run` mounts it beside the admin API when `LEAFSYNC_ADMIN_TOKEN` is set:
///
/// ```swift
/// let router = Router()
/// AdminAPI.addRoutes(to: router, desk: engine.desk, token: token)
/// Console.addRoutes(to: router, engine: engine, configuration: configuration, token: token)
/// // open http://127.0.0.1:8080/console/ and sign in with the admin token
/// ```
///
/// | page | shows | actions |
/// |---|---|---|
/// | `/console/orders` | each LeafLink order, both statuses, its SO, every blocker with its fix and a link to the page that fixes it | |
/// | `/console/orders/<number>` | one order and its timeline from the log (what happened, which rule decided, what was pushed) | |
/// | `/console/users` | reps ↔ Distru users, suggested by e-mail | map, unmap |
/// | `/console/products` | suggestions, unlinked, linked (with their LeafLink fields) | accept, link, create in LeafLink, unlink |
/// | `/console/customers` | customers ↔ Distru companies | associate |
/// | `/console/settings` | every setting, validation beside each field | preview (what-if), save |
/// | `/console/errors` | sync errors, open and resolved, e-mailed or not | resolve |
/// | `/console/commands` | pending and failed pushes: attempts, next attempt, dependency, last error | retry |
/// | `/console/connection` | each remote's configuration (never a key), fetch lags, webhook deliveries, health | |
///
/// Security: a page without a signed-in session answers `303` to `/console/sign-in`; signing in
/// compares the admin token in constant time (a wrong one: `401`) and sets the `leafsync_session`
/// cookie (`HttpOnly`, `SameSite=Strict`, `Path=/console`, `Secure` over TLS; see
/// ``ConsoleSessions``). Every form carries its session's CSRF token; a POST without the right
/// one answers `403` and does nothing. Every value is escaped by the template engine
/// (``ConsoleTemplates``). Every action is the desk's, validated as for the CLI: an
/// ``OperatorError`` shows the page again with `422` and records nothing.
public enum Console {
    /// Adds the console's routes to `router`. `token` (the admin token) must not be empty.
    public static func addRoutes(
        to router: Router<BasicRequestContext>, desk: OperatorDesk, token: String, connection: ConsoleConnection = ConsoleConnection()
    ) {
        precondition(!token.isEmpty, "the console needs the admin token (LEAFSYNC_ADMIN_TOKEN)")
        let server = ConsoleServer(desk: desk, token: Array(token.utf8), connection: connection, sessions: ConsoleSessions())
        router.get("/console") { request, _ in server.home(request) }
        router.get("/console/sign-in") { request, _ in server.signInPage(request) }
        router.post("/console/sign-in") { request, _ in try await server.signIn(request) }
        router.post("/console/sign-out") { request, _ in try await server.signOut(request) }
        for page in ConsolePage.allCases {
            router.get(RouterPath(page.path)) { request, _ in try await server.show(page, request) }
        }
        router.get("/console/orders/:number") { request, context in
            try await server.showOrder(context.parameters.get("number") ?? "", request)
        }
        router.post("/console/settings") { request, _ in try await server.saveSettings(request) }
        for action in ConsoleAction.table {
            router.post(RouterPath(action.path)) { request, _ in try await server.act(action, request) }
        }
    }

    /// Adds the console of the running service: its desk, and its configuration's remotes, log,
    /// readiness and clock for the connection page, the timelines and the settings preview.
    public static func addRoutes(to router: Router<BasicRequestContext>, engine: Engine, configuration: ServiceConfiguration, token: String)
    {
        addRoutes(to: router, desk: engine.desk, token: token, connection: ConsoleConnection(engine: engine, configuration: configuration))
    }
}

/// The pages in the console's navigation, in its order.
enum ConsolePage: String, CaseIterable, Sendable {
    case orders, users, products, customers, settings, errors, commands, connection

    var path: String { "/console/\(rawValue)" }
    var template: String { rawValue }

    var title: String {
        switch self {
        case .orders: "Orders"
        case .users: "Users"
        case .products: "Products"
        case .customers: "Customers"
        case .settings: "Settings"
        case .errors: "Sync errors"
        case .commands: "Pending pushes"
        case .connection: "Connection"
        }
    }
}
