import HTTPTypes
public import Hummingbird
import LeafSyncJSON
import NIOCore

/// The service's HTTP port: webhooks in, health and metrics out.
///
/// | route | answers |
/// |---|---|
/// | `POST /webhooks/leaflink` | 200 accepted or duplicate · 400 malformed · 401 bad or missing `LL-Signature` · 404 LeafLink not configured · 413 over 1 MiB · 503 the log refused the append |
/// | `POST /webhooks/distru` | the same, with `x-distru-signature` |
/// | `GET /healthz` | 200 while the process serves |
/// | `GET /readyz` | 200 when ``ServiceEndpoints/isReady`` says ready, else 503; the checks as JSON |
/// | `GET /metrics` | Prometheus text (``ServiceMetrics/exposition()``) |
///
/// ```swift
/// let router = ServiceHTTP.router(endpoints: endpoints, metrics: .shared)
/// router.get("/admin/…") { … }   // the admin API goes on the same router
/// let app = Application(router: router, configuration: .init(address: .hostname("0.0.0.0", port: 8080)))
/// ```
public enum ServiceHTTP {
    /// The largest webhook body accepted; a larger one is refused with 413 before it is read
    /// whole (at once when its `Content-Length` says so, else as soon as the bytes received pass it).
    public static let maxWebhookBytes = 1 << 20

    /// The router with `/webhooks/leaflink`, `/webhooks/distru`, `/healthz`, `/readyz` and
    /// `/metrics`. Further routes (the admin API) can be added to the router returned.
    public static func router(endpoints: ServiceEndpoints, metrics: ServiceMetrics) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/webhooks/leaflink") { request, _ in
            await webhook(request, remote: .leafLink, receive: endpoints.leafLinkWebhook, metrics: metrics)
        }
        router.post("/webhooks/distru") { request, _ in
            await webhook(request, remote: .distru, receive: endpoints.distruWebhook, metrics: metrics)
        }
        router.get("/healthz") { _, _ in text(.ok, "ok") }
        router.get("/readyz") { _, _ in
            let report = await endpoints.isReady()
            let checks = report.checks.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }
            let body = JSONValue.object(["ready": .bool(report.ready), "checks": .object(JSONObject(checks))])
            return Response(
                status: report.ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.serialized())))
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        return router
    }

    /// A short plain-text answer.
    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
