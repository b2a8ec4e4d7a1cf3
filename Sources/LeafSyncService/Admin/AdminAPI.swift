public import Hummingbird
import LeafSyncJSON
import NIOCore

/// The admin API: every operator query and action of the ``OperatorDesk`` over HTTP, under
/// `/admin/v1/`, behind `Authorization: Bearer <admin token>`; and its OpenAPI 3.1 document at
/// `GET /openapi.yaml` (no token needed: it holds no data).
///
/// The routes are written by hand from one table (`routeTable`), and a test checks the table and
/// the document against each other: every documented operation answers, every route is documented.
///
/// ```swift
/// let router = Router()
/// AdminAPI.addRoutes(to: router, desk: desk, token: configuration.adminToken)
/// // curl -H "Authorization: Bearer $LEAFSYNC_ADMIN_TOKEN" http://127.0.0.1:8080/admin/v1/users
/// // curl -H "Authorization: Bearer $LEAFSYNC_ADMIN_TOKEN" -d '{"user":"jane@seller.example","rep":501}' \
/// //      http://127.0.0.1:8080/admin/v1/users/map
/// ```
///
/// Answers: `200` with JSON (a query's rows, or an action's ``Recorded/json``: its log
/// sequences, summary and the engine's refusal if it refused); `400` for a body that is not a
/// JSON object; `401` without the right token; `422` for an ``OperatorError`` (nothing recorded),
/// as `{"error": {"field": …, "message": …}}`.
public enum AdminAPI {
    /// The largest request body read (the admin API's bodies are a few members).
    static let maxBody = 64 * 1024

    /// Adds the admin routes and `/openapi.yaml` to `router`. `token` must not be empty.
    public static func addRoutes(to router: Router<BasicRequestContext>, desk: OperatorDesk, token: String) {
        precondition(!token.isEmpty, "the admin API needs a token (LEAFSYNC_ADMIN_TOKEN)")
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"], body: ResponseBody(byteBuffer: ByteBuffer(string: openAPIDocument)))
        }
        let admin = router.group().add(middleware: BearerTokenMiddleware(token: token))
        for route in routeTable {
            admin.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await respond(route, desk: desk, request: request, context: context)
            }
        }
    }

    /// The method and path of every admin operation, as the OpenAPI document names them (`GET /admin/v1/users`).
    public static var operations: [String] { routeTable.map { "\($0.method.rawValue) \($0.path)" } }

    static func respond(_ route: AdminRoute, desk: OperatorDesk, request: Request, context: BasicRequestContext) async throws -> Response {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { values[String(name)] = String(value) }
        for (name, value) in context.parameters { values[String(name)] = String(value) }
        var body: [String: String] = [:]
        var members: [String: JSONValue] = [:]
        if route.method != .get {
            var request = request
            let bytes = try await request.collectBody(upTo: maxBody)
            if bytes.readableBytes > 0 {
                guard case .object(let object)? = try? JSONParser.parse(Array(bytes.readableBytesView)) else {
                    return json(.badRequest, .object(["error": .object(["message": "the body must be a JSON object"])]))
                }
                for (name, value) in object {
                    body[name] = AdminInput.text(value)
                    members[name] = value
                }
            }
        }
        values.merge(body) { _, bodyValue in bodyValue }
        do {
            return json(.ok, try await route.run(desk, AdminInput(values: values, body: body, members: members)))
        } catch let error as OperatorError {
            return json(.unprocessableContent, .object(["error": .object(["field": .string(error.field), "message": .string(error.message)])]))
        }
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.compactBytes(value))))
    }
}

/// Lets a request through only with `Authorization: Bearer <token>`; compares in constant time
/// (for tokens of one length), so the answer's timing does not tell how much of a guess was right.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    init(token: String) { self.token = Array(token.utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), matches(Array(header.utf8.dropFirst(7))) else {
            return Response(
                status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .contentType: "application/json"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(string: #"{"error":{"message":"give the admin token: Authorization: Bearer <LEAFSYNC_ADMIN_TOKEN>"}}"#)))
        }
        return try await next(request, context)
    }

    /// Every byte compared, whatever the first difference.
    func matches(_ given: [UInt8]) -> Bool { ConstantTime.equals(given, token) }
}
