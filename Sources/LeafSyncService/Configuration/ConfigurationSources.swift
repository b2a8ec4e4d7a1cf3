import Configuration
import Foundation

/// Where each value of a ``ServiceConfiguration`` comes from, in order of precedence:
///
/// - settings: the environment (`LEAFSYNC_*`), then the YAML file;
/// - secrets: the environment, then the secrets file named by `secrets_file:`; never the YAML
///   file, where a secret is an error saying where to put it instead.
///
/// Both are swift-configuration `ConfigReader`s over an `EnvironmentVariablesProvider` whose keys
/// are prefixed with `leafsync` (so `http.port` is `LEAFSYNC_HTTP_PORT`). Every value is read as
/// text and checked by ``ServiceConfiguration/load(directory:file:environment:)``, so a bad value
/// is reported with its key, its variable and the fix, whichever source it came from.
struct ConfigurationSources {
    /// The YAML file read, if any.
    let file: String?
    private let settings: ConfigReader
    private let secrets: ConfigReader

    init(directory: String, file: String?, environment: [String: String]) throws {
        // A variable set to nothing is unset: the file's value (or the default) applies.
        let env = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { !$0.value.allSatisfy(\.isWhitespace) }, secretsSpecifier: .specific(Set(Setting.secrets.map(\.variable)))
        ).prefixKeys(with: "leafsync")
        let path = file ?? Self.defaultFile(in: directory)
        let parsed = try path.flatMap { try Self.yaml(at: $0, named: file != nil) }
        let yaml = parsed?.provider
        self.file = path
        self.settings = ConfigReader(providers: [env] + (yaml.map { [$0] } ?? []))
        if let yaml, let path {
            let inFile = ConfigReader(provider: yaml)
            if let secret = Setting.secrets.first(where: { inFile.string(forKey: ConfigKey($0.key), isSecret: true) != nil }) {
                throw ConfigurationError(
                    field: "\(secret.key) in \(path)", problem: "a secret in the configuration file, which is no place for one",
                    fix: "Delete it from the file (and rotate it if the file was shared); export \(secret.variable), or write \(secret.variable)=… in the secrets file that secrets_file: names (readable only by its owner)")
            }
            // swift-configuration only looks keys up: a misspelt one would be ignored without a word.
            if let text = parsed?.text { try ConfigurationFileKeys.check(text, path: path) }
        }
        var secretProviders: [any ConfigProvider] = [env]
        if let secretsPath = Self.trimmed(settings.string(forKey: ConfigKey(Setting.secretsFile.key))) {
            let resolved = Self.resolve(secretsPath, against: directory)
            secretProviders.append(
                EnvironmentVariablesProvider(environmentVariables: try SecretsFile.read(resolved), secretsSpecifier: .all).prefixKeys(with: "leafsync"))
        }
        self.secrets = ConfigReader(providers: secretProviders)
    }

    /// The value of `setting`, nil when unset or blank.
    func string(_ setting: Setting) -> String? {
        let reader = setting.isSecret ? secrets : settings
        return Self.trimmed(reader.string(forKey: ConfigKey(setting.key), isSecret: setting.isSecret))
    }

    /// The secret `setting`, nil when unset or blank.
    func secret(_ setting: Setting) -> Secret? { string(setting).map(Secret.init) }

    /// `path` as given when absolute, else under `directory`.
    static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).path
    }

    private static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// `<directory>/leafsync.yaml` when it exists.
    private static func defaultFile(in directory: String) -> String? {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(ServiceConfiguration.fileName).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The file parsed by swift-configuration's `YAMLSnapshot`, and its text; nil when it holds only comments.
    private static func yaml(at path: String, named: Bool) throws -> (provider: SnapshotProvider, text: String)? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                field: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist",
                fix: named
                    ? "Give the path of a configuration file (`leafsync init --dir DIR` writes one) or leave --config out"
                    : "Make it readable by the user running LeafSync")
        }
        let text = String(decoding: data, as: UTF8.self)
        let meaningful = text.split(whereSeparator: \.isNewline).contains {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return !line.isEmpty && !line.hasPrefix("#") && line != "---"
        }
        guard meaningful else { return nil }
        let snapshot: YAMLSnapshot
        do {
            snapshot = try YAMLSnapshot(data: data.bytes, providerName: path, parsingOptions: .default)
        } catch {
            throw ConfigurationError(
                field: path, problem: "is not a YAML mapping of settings (\(error))",
                fix: "Write it as `section:` lines with indented `key: value` lines, as `leafsync init` does")
        }
        return (SnapshotProvider(base: snapshot), text)
    }
}
