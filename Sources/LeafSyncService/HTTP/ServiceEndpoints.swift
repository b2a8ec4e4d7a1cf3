public import LeafSyncIngest

/// What the service's HTTP routes call into (``ServiceHTTP/router(endpoints:metrics:)``); the
/// running engine fills it in.
///
/// A webhook closure gets the raw body (at most ``ServiceHTTP/maxWebhookBytes``) and the
/// vendor's signature header, verifies and logs it, and, when something was appended, wakes the
/// dispatcher; ``webhook(into:secret:onAccepted:)`` builds one from a fetcher. A remote that is
/// not configured has no closure, and its route answers 404.
///
/// ```swift
/// let endpoints = ServiceEndpoints(
///     leafLinkWebhook: ServiceEndpoints.webhook(into: leafLinkFetcher, secret: webhookKey) { await dispatcher.wake() },
///     isReady: { ReadinessReport(ready: await engine.caughtUp, checks: ["catch-up": …]) })
/// ```
public struct ServiceEndpoints: Sendable {
    /// Receives one webhook delivery: body and signature header in, what became of it out.
    /// Throws only when the log refuses the append (the route answers 503, and the sender retries).
    public typealias Webhook = @Sendable (_ body: [UInt8], _ signature: String?) async throws -> WebhookOutcome

    /// `POST /webhooks/leaflink` (`LL-Signature`); nil: 404 "LeafLink is not configured".
    public var leafLinkWebhook: Webhook?
    /// `POST /webhooks/distru` (`x-distru-signature`); nil: 404 "Distru is not configured".
    public var distruWebhook: Webhook?
    /// `GET /readyz`: the log is open, the first catch-up done, the remotes configured…
    public var isReady: @Sendable () async -> ReadinessReport

    public init(leafLinkWebhook: Webhook? = nil, distruWebhook: Webhook? = nil, isReady: @escaping @Sendable () async -> ReadinessReport) {
        self.leafLinkWebhook = leafLinkWebhook
        self.distruWebhook = distruWebhook
        self.isReady = isReady
    }

    /// A webhook closure that hands each delivery to `fetcher` (verified with `secret`, logged
    /// once, the record it names refetched) and calls `onAccepted` when the delivery was logged,
    /// so the dispatcher acts on it now rather than at its next tick. A duplicate, a bad
    /// signature or a malformed body appends nothing and wakes nobody.
    public static func webhook<Strategy: FetchStrategy>(
        into fetcher: Fetcher<Strategy>, secret: String, onAccepted: @escaping @Sendable () async -> Void
    ) -> Webhook {
        { body, signature in
            let outcome = try await fetcher.receiveWebhook(body: body, signature: signature, secret: secret)
            switch outcome {
            case .accepted, .acceptedFetchFailed: await onAccepted()
            case .duplicate, .badSignature, .malformed: break
            }
            return outcome
        }
    }
}
