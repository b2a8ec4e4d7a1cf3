import LeafLinkAPI
public import SimulatorSupport

extension WebhookSender {
    /// 14 retries, doubling from 1 s and capped at 60 s: about 7 minutes in all (LeafLink's default).
    public static let leafLinkSchedule: [Duration] = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60].map { .seconds($0) }
}

extension WebhookSender.Configuration {
    /// LeafLink's webhooks: `LL-Signature` = base64 HMAC-SHA256 of the body keyed by `key`.
    public init(url: String, key: String, retryDelays: [Duration] = WebhookSender.leafLinkSchedule) {
        self.init(
            url: url, signatureHeader: LeafLinkWebhooks.signatureHeader, userAgent: "LeafLink-Webhooks (LeafSync simulator)",
            retryDelays: retryDelays, sign: { LeafLinkWebhooks.signature(body: $0, key: key) })
    }
}
