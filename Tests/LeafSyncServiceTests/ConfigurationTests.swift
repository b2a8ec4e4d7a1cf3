import Foundation
import LeafSyncMail
import LeafSyncService
import LeafSyncTestSupport
import Testing

/// `ServiceConfiguration.load`: a YAML file, `LEAFSYNC_*` overrides, secrets only from the
/// environment or a secrets file, and errors that name what to set.
@Suite("Service configuration")
struct ConfigurationTests {
    static let keys = ["LEAFSYNC_LEAFLINK_API_KEY": "ll-key-7f3a91", "LEAFSYNC_DISTRU_API_KEY": "distru-key-c0ffee"]

    /// A tenant directory holding `yaml` as its leafsync.yaml.
    static func tenant(_ label: String, yaml: String? = nil) throws -> TemporaryDirectory {
        let tenant = TemporaryDirectory(label)
        if let yaml { try yaml.write(toFile: tenant.sub("leafsync.yaml"), atomically: true, encoding: .utf8) }
        return tenant
    }

    static func error(_ body: () throws -> ServiceConfiguration) -> ConfigurationError? {
        do {
            _ = try body()
            return nil
        } catch let error as ConfigurationError {
            return error
        } catch {
            Issue.record("not a ConfigurationError: \(error)")
            return nil
        }
    }

    @Test("the variables alone configure everything, with no file; the defaults fill the rest")
    func environmentOnly() throws {
        let tenant = try Self.tenant("config-env")
        let configuration = try ServiceConfiguration.load(
            directory: tenant.path, file: nil,
            environment: Self.keys.merging([
                "LEAFSYNC_LEAFLINK_BASE_URL": "http://127.0.0.1:9001/api/v2", "LEAFSYNC_DISTRU_BASE_URL": "http://127.0.0.1:9002/public/v1/",
                "LEAFSYNC_LEAFLINK_WEBHOOK_KEY": "whk-1", "LEAFSYNC_HTTP_PORT": "0", "LEAFSYNC_ADMIN_TOKEN": "admin-token-9",
                "LEAFSYNC_SMTP_URL": "smtp://sync@mail.example.com:587", "LEAFSYNC_SMTP_PASSWORD": "pw-123",
                "LEAFSYNC_METRC_BASE_URL": "https://sandbox-api-ca.metrc.com", "LEAFSYNC_METRC_VENDOR_KEY": "mv", "LEAFSYNC_METRC_USER_KEY": "mu",
                "LEAFSYNC_METRC_LICENSE": "C11-0000001-LIC",
            ]) { $1 })
        #expect(configuration.leafLink?.baseURL == "http://127.0.0.1:9001/api/v2/")  // the client's convention: the root ends in /
        #expect(configuration.leafLink?.apiKey.value == "ll-key-7f3a91")
        #expect(configuration.file == nil)
        #expect(configuration.leafLink?.webhookKey?.value == "whk-1")
        #expect(configuration.distru?.baseURL == "http://127.0.0.1:9002/public/v1/")
        #expect(configuration.distru?.webhookSecret == nil)
        #expect(configuration.metrc?.license == "C11-0000001-LIC")
        #expect(configuration.metrc?.baseURL == "https://sandbox-api-ca.metrc.com/")
        #expect(configuration.httpPort == 0)
        #expect(configuration.httpHost == "127.0.0.1")
        #expect(configuration.adminToken?.value == "admin-token-9")
        #expect(configuration.smtpURL == "smtp://sync@mail.example.com:587")
        #expect(try configuration.smtpConfiguration()?.username == "sync")
        #expect(configuration.outbox == tenant.sub("outbox"))
        #expect(configuration.tickSeconds == 10)
        #expect(configuration.mailFrom == "LeafSync <leafsync@localhost>")
    }

    @Test("nothing set: no remote, defaults, no error (a remote without a base URL is off)")
    func nothingSet() throws {
        let configuration = try ServiceConfiguration.load(directory: try Self.tenant("config-empty").path, file: nil, environment: [:])
        #expect(configuration.leafLink == nil && configuration.distru == nil && configuration.metrc == nil)
        #expect(configuration.httpPort == 8080)
        #expect(configuration.adminToken == nil)
    }

    @Test("the file is read from the tenant directory; a variable overrides its key")
    func fileThenEnvironment() throws {
        let tenant = try Self.tenant(
            "config-file",
            yaml: """
                leaflink:
                  base_url: https://app.leaflink.com/api/v2/
                distru:
                  base_url: https://app.distru.com/public/v1/
                http:
                  host: 0.0.0.0
                  port: 9090
                mail:
                  from: "Sync <sync@brand.example>"
                  outbox: mail/out
                scheduler:
                  tick_seconds: 3
                """)
        let configuration = try ServiceConfiguration.load(
            directory: tenant.path, file: nil,
            environment: Self.keys.merging([
                "LEAFSYNC_HTTP_PORT": "7070", "LEAFSYNC_DISTRU_BASE_URL": "http://127.0.0.1:9/public/v1/", "LEAFSYNC_SCHEDULER_TICK_SECONDS": "",
            ]) { $1 })
        #expect(configuration.file == tenant.sub("leafsync.yaml"))
        #expect(configuration.leafLink?.baseURL == "https://app.leaflink.com/api/v2/")
        #expect(configuration.distru?.baseURL == "http://127.0.0.1:9/public/v1/")
        #expect(configuration.httpPort == 7070)
        #expect(configuration.httpHost == "0.0.0.0")
        #expect(configuration.mailFrom == "Sync <sync@brand.example>")
        #expect(configuration.outbox == tenant.sub("mail/out"))
        #expect(configuration.tickSeconds == 3)  // a variable set to nothing leaves the file's value
    }

    @Test("--config names a file elsewhere; a named file that does not exist is an error")
    func namedFile() throws {
        let tenant = try Self.tenant("config-named")
        let elsewhere = TemporaryDirectory("config-elsewhere")
        try "http:\n  port: 6060\n".write(toFile: elsewhere.sub("service.yaml"), atomically: true, encoding: .utf8)
        #expect(try ServiceConfiguration.load(directory: tenant.path, file: elsewhere.sub("service.yaml"), environment: [:]).httpPort == 6060)
        let missing = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: elsewhere.sub("nope.yaml"), environment: [:]) }
        #expect(missing?.field == elsewhere.sub("nope.yaml"))
        #expect(missing?.problem == "does not exist")
    }

    @Test("a key in the configuration file is refused, naming the variable to put it in")
    func secretInFileRefused() throws {
        let tenant = try Self.tenant("config-secret", yaml: "leaflink:\n  base_url: https://app.leaflink.com/api/v2/\n  api_key: ll-key-in-file\n")
        let error = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: Self.keys) }
        #expect(error?.field == "leaflink.api_key in \(tenant.sub("leafsync.yaml"))")
        #expect(error?.fix.contains("LEAFSYNC_LEAFLINK_API_KEY") == true)
        #expect(error.map { !"\($0)".contains("ll-key-in-file") } == true)

        let token = try Self.tenant("config-token", yaml: "admin:\n  token: t0ken\n")
        #expect(Self.error { try ServiceConfiguration.load(directory: token.path, file: nil, environment: [:]) }?.fix.contains("LEAFSYNC_ADMIN_TOKEN") == true)
    }

    @Test("a misspelt key in the file is refused at start, naming it and the nearest known key, in block or flow style")
    func unknownKeyRefused() throws {
        let file = "leaflink: {base_ulr: https://app.leaflink.com/api/v2/}\n"
        let flow = try Self.tenant("config-typo", yaml: file)
        let error = Self.error { try ServiceConfiguration.load(directory: flow.path, file: nil, environment: Self.keys) }
        #expect(error?.field == "leaflink.base_ulr in \(flow.sub("leafsync.yaml"))")
        #expect(error?.problem == "not a LeafSync setting (did you mean leaflink.base_url?)")
        #expect(error?.fix.contains("leaflink.base_url, distru.base_url") == true)

        let block = try Self.tenant("config-typo-block", yaml: "http:\n  host: 127.0.0.1\n  prot: 8080\nshceduler:\n  tick_seconds: 5\n")
        let port = Self.error { try ServiceConfiguration.load(directory: block.path, file: nil, environment: [:]) }
        #expect(port?.problem == "not a LeafSync setting (did you mean http.port?)")
        let far = try Self.tenant("config-far", yaml: "colour: blue\n")
        #expect(Self.error { try ServiceConfiguration.load(directory: far.path, file: nil, environment: [:]) }?.problem == "not a LeafSync setting")
        // A misspelt secret is pointed to its variable, not into the file, and its value is never shown.
        let secret = try Self.tenant("config-typo-secret", yaml: "distru:\n  api_kye: distru-key-in-file\n")
        let typo = Self.error { try ServiceConfiguration.load(directory: secret.path, file: nil, environment: [:]) }
        #expect(typo?.problem == "not a LeafSync setting (did you mean distru.api_key?)")
        #expect(typo?.fix.contains("LEAFSYNC_DISTRU_API_KEY") == true)
        #expect(typo.map { !"\($0)".contains("distru-key-in-file") } == true)
    }

    @Test("the starter file and sections left empty (every key commented out) load without an unknown-key error")
    func starterAndEmptySections() throws {
        let starter = try Self.tenant("config-starter", yaml: ServiceConfiguration.starterFile)
        #expect(try ServiceConfiguration.load(directory: starter.path, file: nil, environment: Self.keys).httpPort == 8080)
        let empty = try Self.tenant("config-empty-section", yaml: "metrc:\n  # base_url: https://api-ca.metrc.com/\nhttp:\n  port: 9090\n")
        #expect(try ServiceConfiguration.load(directory: empty.path, file: nil, environment: [:]).httpPort == 9090)
    }

    @Test("a remote with a URL and no key names LEAFSYNC_…_API_KEY; a key with no URL names the URL to set")
    func missingKey() throws {
        let tenant = try Self.tenant("config-nokey")
        let noKey = Self.error {
            try ServiceConfiguration.load(
                directory: tenant.path, file: nil,
                environment: ["LEAFSYNC_DISTRU_BASE_URL": "https://app.distru.com/public/v1/", "LEAFSYNC_DISTRU_API_KEY": "  "])
        }
        #expect(noKey?.field == "LEAFSYNC_DISTRU_API_KEY")
        #expect(noKey?.problem.contains("not set") == true)
        #expect(noKey?.fix.contains("no default") == true)

        let noURL = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: ["LEAFSYNC_LEAFLINK_API_KEY": "k"]) }
        #expect(noURL?.field == "LEAFSYNC_LEAFLINK_API_KEY")
        #expect(noURL?.fix.contains("LEAFSYNC_LEAFLINK_BASE_URL") == true)

        let metrc = Self.error {
            try ServiceConfiguration.load(
                directory: tenant.path, file: nil,
                environment: ["LEAFSYNC_METRC_BASE_URL": "https://api-ca.metrc.com/", "LEAFSYNC_METRC_VENDOR_KEY": "v", "LEAFSYNC_METRC_USER_KEY": "u"])
        }
        #expect(metrc?.field == "metrc.license (LEAFSYNC_METRC_LICENSE)")
    }

    @Test("bad values name their key and variable: a port out of range, not a number, a URL that is not http(s)", arguments: [
        ("LEAFSYNC_HTTP_PORT", "70000", "http.port (LEAFSYNC_HTTP_PORT)"),
        ("LEAFSYNC_HTTP_PORT", "eighty", "http.port (LEAFSYNC_HTTP_PORT)"),
        ("LEAFSYNC_HTTP_PORT", "-1", "http.port (LEAFSYNC_HTTP_PORT)"),
        ("LEAFSYNC_SCHEDULER_TICK_SECONDS", "0", "scheduler.tick_seconds (LEAFSYNC_SCHEDULER_TICK_SECONDS)"),
        ("LEAFSYNC_LEAFLINK_BASE_URL", "ftp://app.leaflink.com/api/v2/", "leaflink.base_url (LEAFSYNC_LEAFLINK_BASE_URL)"),
        ("LEAFSYNC_LEAFLINK_BASE_URL", "app.leaflink.com/api/v2/", "leaflink.base_url (LEAFSYNC_LEAFLINK_BASE_URL)"),
        ("LEAFSYNC_DISTRU_BASE_URL", "https://app.distru.com/public/v1/?token=x", "distru.base_url (LEAFSYNC_DISTRU_BASE_URL)"),
        ("LEAFSYNC_SMTP_URL", "http://mail.example.com", "smtp.url (LEAFSYNC_SMTP_URL)"),
        ("LEAFSYNC_MAIL_FROM", "nobody", "mail.from (LEAFSYNC_MAIL_FROM)"),
    ])
    func badValue(variable: String, value: String, field: String) throws {
        let tenant = try Self.tenant("config-bad")
        let error = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: [variable: value]) }
        #expect(error?.field == field, "\(String(describing: error))")
    }

    @Test("a bad port in the file is reported like one in the environment")
    func badPortInFile() throws {
        let tenant = try Self.tenant("config-badport", yaml: "http:\n  port: 99999\n")
        let error = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: [:]) }
        #expect(error?.field == "http.port (LEAFSYNC_HTTP_PORT)")
        #expect(error?.problem.contains("99999") == true)
    }

    @Test("secrets_file: NAME=value lines, owner-only; the environment wins; a misspelt name or a readable file is refused")
    func secretsFile() throws {
        let tenant = try Self.tenant("config-secrets", yaml: "secrets_file: secrets.env\ndistru:\n  base_url: https://app.distru.com/public/v1/\n")
        let secrets = tenant.sub("secrets.env")
        try "# the tenant's keys\nexport LEAFSYNC_DISTRU_API_KEY=\"from-file\"\nLEAFSYNC_ADMIN_TOKEN: tok-from-file\n"
            .write(toFile: secrets, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secrets)
        let configuration = try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: [:])
        #expect(configuration.distru?.apiKey.value == "from-file")
        #expect(configuration.adminToken?.value == "tok-from-file")
        let overridden = try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: ["LEAFSYNC_DISTRU_API_KEY": "from-env"])
        #expect(overridden.distru?.apiKey.value == "from-env")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secrets)
        let readable = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: [:]) }
        #expect(readable?.fix == "Run chmod 600 \(secrets) (and rotate its secrets if others may have read them)")

        try "LEAFSYNC_DISTRU_APIKEY=oops-secret\n".write(toFile: secrets, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secrets)
        let misspelt = Self.error { try ServiceConfiguration.load(directory: tenant.path, file: nil, environment: [:]) }
        #expect(misspelt?.problem == "LEAFSYNC_DISTRU_APIKEY is not a secret LeafSync reads")
        #expect(misspelt.map { !"\($0)".contains("oops-secret") } == true)
    }

    @Test("no description of a configuration or a secret shows a secret's value")
    func secretsNeverShown() throws {
        let secrets = [
            "LEAFSYNC_LEAFLINK_API_KEY": "S1-leaflink", "LEAFSYNC_LEAFLINK_WEBHOOK_KEY": "S2-llwebhook", "LEAFSYNC_DISTRU_API_KEY": "S3-distru",
            "LEAFSYNC_DISTRU_WEBHOOK_SECRET": "S4-dwebhook", "LEAFSYNC_METRC_VENDOR_KEY": "S5-mvendor", "LEAFSYNC_METRC_USER_KEY": "S6-muser",
            "LEAFSYNC_ADMIN_TOKEN": "S7-admin", "LEAFSYNC_SMTP_PASSWORD": "S8-smtp",
        ]
        let configuration = try ServiceConfiguration.load(
            directory: try Self.tenant("config-shown").path, file: nil,
            environment: secrets.merging([
                "LEAFSYNC_LEAFLINK_BASE_URL": "https://app.leaflink.com/api/v2/", "LEAFSYNC_DISTRU_BASE_URL": "https://app.distru.com/public/v1/",
                "LEAFSYNC_METRC_BASE_URL": "https://api-ca.metrc.com/", "LEAFSYNC_METRC_LICENSE": "C11-0000001-LIC",
                "LEAFSYNC_SMTP_URL": "smtps://sync@mail.example.com",
            ]) { $1 })
        var dumped = ""
        dump(configuration, to: &dumped)
        var dumpedSecret = ""
        dump(configuration.leafLink?.apiKey, to: &dumpedSecret)
        let texts = [
            configuration.description, configuration.debugDescription, String(reflecting: configuration), String(describing: configuration),
            "\(configuration)", dumped, dumpedSecret, String(reflecting: configuration.leafLink as Any), String(reflecting: configuration.distru as Any),
            String(reflecting: configuration.metrc as Any), "\(configuration.adminToken as Any)",
            try configuration.smtpConfiguration()?.description ?? "",
        ]
        for text in texts {
            for value in secrets.values { #expect(!text.contains(value), "\(value) shown in: \(text)") }
        }
        // Every secret is there, shown as set.
        #expect(configuration.description.contains("admin token (set)"))
        #expect(configuration.description.contains("webhook secret (set)"))
        #expect(String(reflecting: Secret("x")) == "****" && "\(Secret("x"))" == "****")
    }
}
