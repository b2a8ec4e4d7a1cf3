extension ServiceConfiguration {
    /// The commented starter `leafsync init` writes as `<directory>/leafsync.yaml`: both remotes at
    /// their production URLs, the defaults spelt out, and where each secret goes instead of here.
    /// ``load(directory:file:environment:)`` accepts it once the two API keys are exported.
    public static var starterFile: String {
        """
        # LeafSync configuration, read by `leafsync run` (and fetch, dispatch) from the tenant directory.
        # Every key can be overridden by an environment variable: LEAFSYNC_ + the key's path in capitals,
        # e.g. http.port -> LEAFSYNC_HTTP_PORT, leaflink.base_url -> LEAFSYNC_LEAFLINK_BASE_URL.
        #
        # SECRETS NEVER GO IN THIS FILE (LeafSync refuses to start if one does). Export them, or write
        # them as NAME=value lines in a secrets file readable only by you (chmod 600) named by secrets_file:
        #   \(Setting.leafLinkAPIKey.variable)        LeafLink API key (required when leaflink.base_url is set)
        #   \(Setting.leafLinkWebhookKey.variable)    LeafLink webhook key (LL-Signature); webhooks are refused without it
        #   \(Setting.distruAPIKey.variable)          Distru API key (required when distru.base_url is set)
        #   \(Setting.distruWebhookSecret.variable)   Distru webhook secret; webhooks are refused without it
        #   \(Setting.metrcVendorKey.variable), \(Setting.metrcUserKey.variable)   Metrc keys (when metrc.base_url is set)
        #   \(Setting.adminToken.variable)            bearer token of the admin API (off without it)
        #   \(Setting.smtpPassword.variable)          password of the SMTP relay (smtp.url names the user)

        # secrets_file: /etc/leafsync/secrets.env   # relative paths are under the tenant directory

        # A remote without base_url is off: nothing is fetched from it or sent to it.
        leaflink:
          base_url: https://app.leaflink.com/api/v2/
        distru:
          base_url: https://app.distru.com/public/v1/
        # metrc:
        #   base_url: https://api-ca.metrc.com/
        #   license: C11-0000001-LIC

        http:
          host: 127.0.0.1      # 0.0.0.0 to accept webhooks from other machines (put TLS in front)
          port: 8080           # 0 = any free port

        mail:
          from: "LeafSync <leafsync@localhost>"
          # outbox: outbox     # sync-error e-mails as .eml files when no SMTP relay is set
        # smtp:
        #   url: smtps://leafsync%40example.com@smtp.example.com:465   # or smtp://user@host:587 (STARTTLS)

        scheduler:
          tick_seconds: 10

        """
    }
}
