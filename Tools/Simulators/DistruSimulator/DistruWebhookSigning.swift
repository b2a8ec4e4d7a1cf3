import DistruAPI
public import SimulatorSupport

extension WebhookSender.Configuration {
    /// Distru's webhooks: `x-distru-signature: sha256=<hex HMAC-SHA256 of the body>`.
    public init(url: String, secret: String, retryDelays: [Duration] = [1, 5, 30, 120].map { .seconds($0) }) {
        self.init(
            url: url, signatureHeader: DistruWebhooks.signatureHeader, userAgent: "Distru-Webhooks (LeafSync simulator)",
            retryDelays: retryDelays, sign: { DistruWebhooks.signature(body: $0, secret: secret) })
    }
}
