/// Where the demo's four servers listen, and the keys it uses to talk to them. The demo talks
/// to everything over HTTP: the simulators' public APIs (read, as the engine does), their
/// `/_sim/` control routes (what a person does in LeafLink's or Distru's web app) and the
/// service's admin API (what the operator does).
public struct DemoEndpoints: Sendable {
    /// The LeafLink simulator's root, `http://127.0.0.1:PORT/` (API under `api/v2/`).
    public var leafLink: String
    /// The Distru simulator's root (API under `public/v1/`).
    public var distru: String
    /// The service's root (`/admin/v1`, `/webhooks/…`, `/readyz`).
    public var service: String
    public var adminToken: String
    public var leafLinkAPIKey: String
    public var distruAPIKey: String
    /// The keys the simulators sign webhooks with (the service's `LEAFSYNC_LEAFLINK_WEBHOOK_KEY`
    /// and `LEAFSYNC_DISTRU_WEBHOOK_SECRET`); without them the demo relies on polling alone.
    public var leafLinkWebhookKey: String?
    public var distruWebhookSecret: String?
    /// The tenant's outbox directory, where sync-error e-mails land.
    public var outbox: String
    /// The Metrc simulator's root (its `/_sim/` routes play the person in Metrc's web app); the
    /// Metrc chapter needs it.
    public var metrc: String?

    public init(
        leafLink: String, distru: String, service: String, adminToken: String, leafLinkAPIKey: String, distruAPIKey: String,
        leafLinkWebhookKey: String? = nil, distruWebhookSecret: String? = nil, outbox: String, metrc: String? = nil
    ) {
        func root(_ url: String) -> String { url.hasSuffix("/") ? url : url + "/" }
        self.leafLink = root(leafLink)
        self.distru = root(distru)
        self.service = root(service)
        self.adminToken = adminToken
        self.leafLinkAPIKey = leafLinkAPIKey
        self.distruAPIKey = distruAPIKey
        self.leafLinkWebhookKey = leafLinkWebhookKey
        self.distruWebhookSecret = distruWebhookSecret
        self.outbox = outbox
        self.metrc = metrc.map(root)
    }
}
