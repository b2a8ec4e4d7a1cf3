public import DistruAPI
import Foundation
public import HTTPClientSupport
public import LeafLinkAPI
public import LeafSyncMail
public import MetrcAPI

/// Everything `leafsync run` needs to know about a tenant: where its remotes are and their keys,
/// the HTTP port, the admin token, where sync-error e-mail goes and how often the scheduler ticks.
///
/// Read it with ``load(directory:file:environment:)``: a YAML file (`leafsync init` writes a
/// commented starter, ``starterFile``) overridden by `LEAFSYNC_*` environment variables. Secrets
/// come only from the environment or a secrets file, and are held as ``Secret``s so that no
/// description of a configuration, or of an error about one, ever shows them:
///
/// ```swift
/// let configuration = try ServiceConfiguration.load(directory: dir, file: nil, environment: ProcessInfo.processInfo.environment)
/// print(configuration)          // leaflink: https://app.leaflink.com/api/v2/, api key (set), webhook key (not set) …
/// if let leafLink = configuration.leafLink { let client = LeafLinkClient(configuration: leafLink.apiConfiguration) }
/// ```
public struct ServiceConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// LeafLink API v2, configured when `leaflink.base_url` (`LEAFSYNC_LEAFLINK_BASE_URL`) is set.
    public struct LeafLink: Sendable {
        /// The API root, ending in `/`, e.g. `https://app.leaflink.com/api/v2/`.
        public var baseURL: String
        /// `LEAFSYNC_LEAFLINK_API_KEY`: the company's API key.
        public var apiKey: Secret
        /// `LEAFSYNC_LEAFLINK_WEBHOOK_KEY`: the key LeafLink signs webhooks with (`LL-Signature`); webhooks are refused without it.
        public var webhookKey: Secret?

        public init(baseURL: String, apiKey: Secret, webhookKey: Secret? = nil) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.webhookKey = webhookKey
        }

        /// The client configuration for this account.
        public var apiConfiguration: LeafLinkConfiguration { LeafLinkConfiguration(baseURL: baseURL, apiKey: apiKey.value) }
    }

    /// Distru public API v1, configured when `distru.base_url` (`LEAFSYNC_DISTRU_BASE_URL`) is set.
    public struct Distru: Sendable {
        /// The API root, ending in `/`, e.g. `https://app.distru.com/public/v1/`.
        public var baseURL: String
        /// `LEAFSYNC_DISTRU_API_KEY`: the company's API key.
        public var apiKey: Secret
        /// `LEAFSYNC_DISTRU_WEBHOOK_SECRET`: the secret Distru signs webhooks with; webhooks are refused without it.
        public var webhookSecret: Secret?

        public init(baseURL: String, apiKey: Secret, webhookSecret: Secret? = nil) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.webhookSecret = webhookSecret
        }

        /// The client configuration for this account.
        public var apiConfiguration: DistruConfiguration { DistruConfiguration(baseURL: baseURL, apiKey: apiKey.value) }
    }

    /// Metrc, configured when `metrc.base_url` (`LEAFSYNC_METRC_BASE_URL`) is set; then both keys and the license are required.
    public struct Metrc: Sendable {
        /// The state's API root, ending in `/`, e.g. `https://api-ca.metrc.com/`.
        public var baseURL: String
        /// `LEAFSYNC_METRC_VENDOR_KEY`: the integrator's (software vendor's) key.
        public var vendorKey: Secret
        /// `LEAFSYNC_METRC_USER_KEY`: the licensee's user key.
        public var userKey: Secret
        /// `metrc.license` (`LEAFSYNC_METRC_LICENSE`): the facility license number, e.g. `C11-0000001-LIC`.
        public var license: String

        public init(baseURL: String, vendorKey: Secret, userKey: Secret, license: String) {
            self.baseURL = baseURL
            self.vendorKey = vendorKey
            self.userKey = userKey
            self.license = license
        }

        /// The client configuration for these keys.
        public var apiConfiguration: MetrcConfiguration {
            MetrcConfiguration(baseURL: baseURL, vendorKey: vendorKey.value, userKey: userKey.value)
        }
    }

    /// The tenant directory: `log/`, `projections.sqlite`, the outbox by default.
    public var directory: String
    /// The YAML file the settings were read from; nil when there was none (environment only).
    public var file: String?
    /// nil when no LeafLink base URL is configured (its loops and commands are then off).
    public var leafLink: LeafLink?
    /// nil when no Distru base URL is configured.
    public var distru: Distru?
    /// nil when no Metrc base URL is configured.
    public var metrc: Metrc?
    /// `http.host` (`LEAFSYNC_HTTP_HOST`): the address the HTTP port binds; loopback by default.
    public var httpHost: String
    /// `http.port` (`LEAFSYNC_HTTP_PORT`): 8080 by default; 0 binds any free port.
    public var httpPort: Int
    /// `LEAFSYNC_ADMIN_TOKEN`: the bearer token of the admin API, which is off without it.
    public var adminToken: Secret?
    /// `smtp.url` (`LEAFSYNC_SMTP_URL`): the relay for sync-error e-mail; nil writes them to ``outbox``.
    public var smtpURL: String?
    /// `LEAFSYNC_SMTP_PASSWORD`: the relay's password (the URL names the user).
    public var smtpPassword: Secret?
    /// `mail.from` (`LEAFSYNC_MAIL_FROM`): the From address of sync-error e-mail.
    public var mailFrom: String
    /// `mail.outbox` (`LEAFSYNC_MAIL_OUTBOX`): the directory of `.eml` files; `<directory>/outbox` by default.
    public var outbox: String
    /// `scheduler.tick_seconds` (`LEAFSYNC_SCHEDULER_TICK_SECONDS`): seconds between scheduler ticks, 10 by default.
    public var tickSeconds: Int

    /// A configuration with the defaults and no remote; ``load(directory:file:environment:)`` is the usual way to get one.
    public init(directory: String) {
        self.directory = directory
        self.httpHost = "127.0.0.1"
        self.httpPort = 8080
        self.mailFrom = "LeafSync <leafsync@localhost>"
        self.outbox = URL(fileURLWithPath: directory).appendingPathComponent("outbox").path
        self.tickSeconds = 10
    }

    /// The SMTP relay's settings, or nil when e-mail goes to the outbox. Throws a
    /// ``ConfigurationError`` for a URL the relay client cannot use (``load(directory:file:environment:)``
    /// has already checked it).
    public func smtpConfiguration() throws -> SMTPConfiguration? {
        guard let smtpURL else { return nil }
        do {
            return try SMTPConfiguration(url: smtpURL, password: smtpPassword?.value)
        } catch {
            throw ConfigurationError(
                field: Setting.smtpURL.label, problem: "not a usable SMTP URL: \(error)",
                fix: "Use smtp://user@host:587 (STARTTLS), smtps://user@host:465 (TLS) or smtp+insecure://host:25, the password in LEAFSYNC_SMTP_PASSWORD")
        }
    }

    /// One line per part, secrets shown only as `(set)` or `(not set)`.
    public var description: String {
        func state(_ secret: Secret?) -> String { secret == nil ? "(not set)" : "(set)" }
        let leafLink = self.leafLink.map { "\($0.baseURL), api key (set), webhook key \(state($0.webhookKey))" } ?? "(not configured)"
        let distru = self.distru.map { "\($0.baseURL), api key (set), webhook secret \(state($0.webhookSecret))" } ?? "(not configured)"
        let metrc = self.metrc.map { "\($0.baseURL), license \($0.license), vendor key (set), user key (set)" } ?? "(not configured)"
        let mail = smtpURL.map { "SMTP \($0), password \(state(smtpPassword))" } ?? "outbox \(outbox)"
        return """
            directory: \(directory)
            file: \(file ?? "(none: environment only)")
            leaflink: \(leafLink)
            distru: \(distru)
            metrc: \(metrc)
            http: \(httpHost):\(httpPort), admin token \(state(adminToken))
            mail: \(mail), from \(mailFrom)
            scheduler: tick every \(tickSeconds) s
            """
    }

    public var debugDescription: String { description }
}
