import DistruAPI
import LeafLinkAPI
import LeafSyncIngest
import LeafSyncTestSupport

extension WebhookReceiver {
    /// LeafLink's webhooks into `fetcher`, as `leafsync run` would mount them: POST body and
    /// `LL-Signature` in, the outcome's status out.
    static func start(fetcher: LeafLinkFetcher, key: String) async throws -> WebhookReceiver {
        try await start(path: "/webhooks/leaflink", signatureHeader: LeafLinkWebhooks.signatureHeader) { body, signature in
            try await fetcher.receiveWebhook(body: body, signature: signature, key: key).httpStatus
        }
    }

    /// Distru's webhooks into `fetcher`: POST body and `x-distru-signature` in, the outcome's
    /// status out.
    static func start(fetcher: DistruFetcher, secret: String) async throws -> WebhookReceiver {
        try await start(path: "/webhooks/distru", signatureHeader: DistruWebhooks.signatureHeader) { body, signature in
            try await fetcher.receiveWebhook(body: body, signature: signature, secret: secret).httpStatus
        }
    }
}
