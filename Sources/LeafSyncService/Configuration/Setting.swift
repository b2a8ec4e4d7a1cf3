/// One configuration value: its dotted key in the YAML file and the `LEAFSYNC_*` environment
/// variable that overrides it, derived the way swift-configuration's `EnvironmentVariablesProvider`
/// derives it (`leaflink.base_url` under the `leafsync` prefix is `LEAFSYNC_LEAFLINK_BASE_URL`).
///
/// A secret has no place in the file: it is read from the environment or the secrets file only.
struct Setting: Sendable, Hashable {
    /// The key in `leafsync.yaml`, e.g. `http.port`.
    let key: String
    let isSecret: Bool

    init(_ key: String, secret: Bool = false) {
        self.key = key
        self.isSecret = secret
    }

    /// The environment variable, e.g. `LEAFSYNC_HTTP_PORT`.
    var variable: String { "LEAFSYNC_" + key.uppercased().replacing(".", with: "_") }

    /// How an error names it: a secret by its variable (the only place it may be), any other
    /// value by its key and its variable.
    var label: String { isSecret ? variable : "\(key) (\(variable))" }
}

extension Setting {
    static let leafLinkBaseURL = Setting("leaflink.base_url")
    static let leafLinkAPIKey = Setting("leaflink.api_key", secret: true)
    static let leafLinkWebhookKey = Setting("leaflink.webhook_key", secret: true)
    static let distruBaseURL = Setting("distru.base_url")
    static let distruAPIKey = Setting("distru.api_key", secret: true)
    static let distruWebhookSecret = Setting("distru.webhook_secret", secret: true)
    static let metrcBaseURL = Setting("metrc.base_url")
    static let metrcVendorKey = Setting("metrc.vendor_key", secret: true)
    static let metrcUserKey = Setting("metrc.user_key", secret: true)
    static let metrcLicense = Setting("metrc.license")
    static let httpHost = Setting("http.host")
    static let httpPort = Setting("http.port")
    static let adminToken = Setting("admin.token", secret: true)
    static let smtpURL = Setting("smtp.url")
    static let smtpPassword = Setting("smtp.password", secret: true)
    static let mailFrom = Setting("mail.from")
    static let mailOutbox = Setting("mail.outbox")
    static let tickSeconds = Setting("scheduler.tick_seconds")
    static let secretsFile = Setting("secrets_file")

    /// Every setting: the keys `leafsync.yaml` may hold (its secrets aside, see ``secrets``). A
    /// setting added above belongs here, or the file's key for it is refused as unknown.
    static let all: [Setting] = [
        leafLinkBaseURL, leafLinkAPIKey, leafLinkWebhookKey, distruBaseURL, distruAPIKey, distruWebhookSecret, metrcBaseURL,
        metrcVendorKey, metrcUserKey, metrcLicense, httpHost, httpPort, adminToken, smtpURL, smtpPassword, mailFrom, mailOutbox,
        tickSeconds, secretsFile,
    ]

    /// Every secret, in the order the starter file and the documentation list them.
    static let secrets: [Setting] = [
        leafLinkAPIKey, leafLinkWebhookKey, distruAPIKey, distruWebhookSecret, metrcVendorKey, metrcUserKey, adminToken, smtpPassword,
    ]
}
