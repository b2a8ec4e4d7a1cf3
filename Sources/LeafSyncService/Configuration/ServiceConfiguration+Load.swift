import Foundation

extension ServiceConfiguration {
    /// The configuration file's name in a tenant directory: `<directory>/leafsync.yaml`.
    public static let fileName = "leafsync.yaml"

    /// Reads `file` (YAML; default `<directory>/leafsync.yaml` if it exists) then environment
    /// overrides. These variables always work without a file: `LEAFSYNC_LEAFLINK_BASE_URL`,
    /// `LEAFSYNC_LEAFLINK_API_KEY`, `LEAFSYNC_LEAFLINK_WEBHOOK_KEY`, `LEAFSYNC_DISTRU_BASE_URL`,
    /// `LEAFSYNC_DISTRU_API_KEY`, `LEAFSYNC_DISTRU_WEBHOOK_SECRET`, `LEAFSYNC_METRC_BASE_URL`,
    /// `LEAFSYNC_METRC_VENDOR_KEY`, `LEAFSYNC_METRC_USER_KEY`, `LEAFSYNC_METRC_LICENSE`,
    /// `LEAFSYNC_HTTP_PORT`, `LEAFSYNC_ADMIN_TOKEN`, `LEAFSYNC_SMTP_URL`, `LEAFSYNC_SMTP_PASSWORD`;
    /// every key of the file has one (`mail.from` is `LEAFSYNC_MAIL_FROM`).
    ///
    /// Secrets come only from the environment or a secrets file named in the configuration
    /// (`secrets_file:`, `NAME=value` lines, readable only by its owner), never from the
    /// configuration file itself: a key found there is an error saying where to put it. A missing
    /// or bad value fails with a ``ConfigurationError`` naming the key or variable and what to do:
    /// a remote with a base URL but no key, a key with no base URL, a URL that is not http(s), a
    /// port out of range. There is no default key, ever; a remote without a base URL is off.
    ///
    /// Base URLs are the API roots the clients expect, ending in `/` (added when missing, as
    /// `APIConfiguration` does); a relative `mail.outbox` or `secrets_file` is under `directory`.
    ///
    /// The file is read synchronously: this runs once, before the service starts anything.
    public static func load(directory: String, file: String?, environment: [String: String]) throws -> ServiceConfiguration {
        let source = try ConfigurationSources(directory: directory, file: file, environment: environment)
        var configuration = ServiceConfiguration(directory: directory)
        configuration.file = source.file

        if let url = try source.remote("LeafLink", url: .leafLinkBaseURL, required: [.leafLinkAPIKey], optional: [.leafLinkWebhookKey]),
            let key = source.secret(.leafLinkAPIKey)
        {
            configuration.leafLink = LeafLink(baseURL: url, apiKey: key, webhookKey: source.secret(.leafLinkWebhookKey))
        }
        if let url = try source.remote("Distru", url: .distruBaseURL, required: [.distruAPIKey], optional: [.distruWebhookSecret]),
            let key = source.secret(.distruAPIKey)
        {
            configuration.distru = Distru(baseURL: url, apiKey: key, webhookSecret: source.secret(.distruWebhookSecret))
        }
        if let url = try source.remote("Metrc", url: .metrcBaseURL, required: [.metrcVendorKey, .metrcUserKey, .metrcLicense], optional: []),
            let vendorKey = source.secret(.metrcVendorKey), let userKey = source.secret(.metrcUserKey), let license = source.string(.metrcLicense)
        {
            configuration.metrc = Metrc(baseURL: url, vendorKey: vendorKey, userKey: userKey, license: license)
        }

        if let host = source.string(.httpHost) { configuration.httpHost = host }
        if let port = try source.integer(.httpPort, in: 0...65535, expecting: "a port number from 1 to 65535, or 0 for any free port", default: configuration.httpPort) {
            configuration.httpPort = port
        }
        configuration.adminToken = source.secret(.adminToken)

        configuration.smtpURL = source.string(.smtpURL)
        configuration.smtpPassword = source.secret(.smtpPassword)
        if configuration.smtpURL == nil, configuration.smtpPassword != nil {
            throw ConfigurationError(
                field: Setting.smtpPassword.label, problem: "set, but no SMTP relay is configured",
                fix: "Set \(Setting.smtpURL.label) to the relay's URL, or unset \(Setting.smtpPassword.variable) to write e-mail to the outbox")
        }
        _ = try configuration.smtpConfiguration()
        if let from = source.string(.mailFrom) {
            guard from.contains("@") else {
                throw ConfigurationError(
                    field: Setting.mailFrom.label, problem: "\"\(from)\" is not an e-mail address", fix: "Write it as LeafSync <leafsync@example.com>")
            }
            configuration.mailFrom = from
        }
        if let outbox = source.string(.mailOutbox) { configuration.outbox = ConfigurationSources.resolve(outbox, against: directory) }
        if let tick = try source.integer(.tickSeconds, in: 1...86_400, expecting: "a number of seconds from 1 to 86400", default: configuration.tickSeconds) {
            configuration.tickSeconds = tick
        }
        return configuration
    }
}

extension ConfigurationSources {
    /// A remote's base URL when it is configured, after checking that every value it requires is
    /// set; nil when it is not configured, after checking that none of its values is set (a key
    /// without a URL is a mistake, not a remote that is off).
    func remote(_ name: String, url setting: Setting, required: [Setting], optional: [Setting]) throws -> String? {
        guard let base = try url(setting) else {
            if let stray = (required + optional).first(where: { string($0) != nil }) {
                throw ConfigurationError(
                    field: stray.label, problem: "set, but no \(name) base URL is configured",
                    fix: "Set \(setting.label) to the \(name) API root, or unset \(stray.variable)")
            }
            return nil
        }
        if let missing = required.first(where: { string($0) == nil }) {
            let fix =
                missing.isSecret
                ? "Export it in \(missing.variable) or write \(missing.variable)=… in the secrets file that secrets_file: names; it is never read from the command line or the configuration file, and there is no default"
                : "Set \(missing.key) in the configuration file or export \(missing.variable)"
            throw ConfigurationError(field: missing.label, problem: "not set, but \(name) is configured (\(base))", fix: fix)
        }
        return base
    }

    /// An http(s) API root, ending in `/`.
    func url(_ setting: Setting) throws -> String? {
        guard let text = string(setting) else { return nil }
        // A URL with credentials in it is not repeated in the error.
        let shown = text.contains("@") ? "the URL" : "\"\(text)\""
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            throw ConfigurationError(
                field: setting.label, problem: "\(shown) is not an http:// or https:// URL",
                fix: "Write the API root, e.g. https://app.leaflink.com/api/v2/ or https://app.distru.com/public/v1/")
        }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            throw ConfigurationError(
                field: setting.label, problem: "\(shown) has credentials, a query or a fragment",
                fix: "Write only the API root (scheme, host, port, path); keys go in their own variables")
        }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// A whole number within `range`.
    func integer(_ setting: Setting, in range: ClosedRange<Int>, expecting: String, default: Int) throws -> Int? {
        guard let text = string(setting) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                field: setting.label, problem: "\"\(text)\" is not \(expecting)", fix: "Correct it, or unset it for the default (\(`default`))")
        }
        return value
    }
}
