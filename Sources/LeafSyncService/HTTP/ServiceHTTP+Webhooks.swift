import HTTPClientSupport
import HTTPTypes
import Hummingbird
import LeafSyncIngest
import Logging
import NIOCore

extension ServiceHTTP {
    /// A vendor that sends webhooks: its name in answers, its label in metrics and its header.
    struct WebhookRemote {
        var name: String
        var label: String
        var signatureHeader: String

        static let leafLink = WebhookRemote(name: "LeafLink", label: "leaflink", signatureHeader: LeafLinkEvents.signatureHeader)
        static let distru = WebhookRemote(name: "Distru", label: "distru", signatureHeader: DistruEvents.signatureHeader)
    }

    static let logger = Logger(label: "leafsync.http")

    /// Reads at most ``maxWebhookBytes`` of the body, hands it to `receive` and answers with the
    /// outcome's status (counted in `leafsync_webhooks_total`). Answers never repeat the body,
    /// the signature or any secret.
    static func webhook(
        _ request: Request, remote: WebhookRemote, receive: ServiceEndpoints.Webhook?, metrics: ServiceMetrics
    ) async -> Response {
        let response = await answer(request, remote: remote, receive: receive)
        metrics.webhookAnswered(remote: remote.label, status: Int(response.status.code))
        return response
    }

    private static func answer(_ request: Request, remote: WebhookRemote, receive: ServiceEndpoints.Webhook?) async -> Response {
        guard let receive else { return text(.notFound, "\(remote.name) is not configured") }
        let tooLarge = text(.contentTooLarge, "\(remote.name) webhook refused: the body is over \(maxWebhookBytes) bytes")
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxWebhookBytes { return tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxWebhookBytes)
        } catch is NIOTooManyBytesError {
            return tooLarge
        } catch {
            return text(.badRequest, "\(remote.name) webhook body could not be read")
        }
        let signature = HTTPField.Name(remote.signatureHeader).flatMap { request.headers[$0] }
        let outcome: WebhookOutcome
        do {
            outcome = try await receive(Array(body.readableBytesView), signature)
        } catch {
            logger.error("webhook not logged: the event log refused the append", metadata: [LogContext.remote: "\(remote.label)", "error": "\(error)"])
            return text(.serviceUnavailable, "\(remote.name) webhook not logged: the event log refused the append; send it again later")
        }
        let status = HTTPResponse.Status(code: outcome.httpStatus)
        return switch outcome {
        case .accepted, .acceptedFetchFailed: text(status, "accepted")
        case .duplicate: text(status, "duplicate: already received")
        case .badSignature: text(status, "\(remote.name) webhook refused: missing or invalid \(remote.signatureHeader)")
        case .malformed(let reason): text(status, "\(remote.name) webhook body not understood: \(reason)")
        }
    }
}
