import Foundation

/// The secrets file that `secrets_file:` names: one `LEAFSYNC_…=value` (or `LEAFSYNC_…: value`)
/// per line, `#` comments and blank lines ignored, an optional `export ` before the name and
/// quotes around the value removed, so the same file serves a shell, a systemd
/// `EnvironmentFile=` and `docker --env-file`.
///
/// The file must be readable by its owner only (`chmod 600`); a name that is not one of the
/// secrets LeafSync reads is refused, so a misspelt key is found at start and not when a webhook
/// arrives. No error repeats a line of the file: any of them may hold a secret.
///
/// (swift-configuration's `EnvironmentVariablesProvider(environmentFilePath:)` reads `.env` files,
/// but asynchronously and without the ownership check; this reads the lines and hands them to an
/// `EnvironmentVariablesProvider(environmentVariables:)`.)
enum SecretsFile {
    static func read(_ path: String) throws -> [String: String] {
        let field = "\(Setting.secretsFile.label) = \(path)"
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ConfigurationError(field: field, problem: "the secrets file does not exist or cannot be read", fix: "Create it (chmod 600) or correct the path")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw ConfigurationError(
                field: field, problem: "the secrets file can be read or written by others (mode \(String(mode & 0o777, radix: 8)))",
                fix: "Run chmod 600 \(path) (and rotate its secrets if others may have read them)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(field: field, problem: "the secrets file cannot be read", fix: "Make it readable by the user running LeafSync")
        }
        let known = Set(Setting.secrets.map(\.variable))
        var values: [String: String] = [:]
        for (number, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)).trimmingCharacters(in: .whitespaces) }
            let name = String(line.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            let rest = line.dropFirst(name.count).drop { $0 == " " }
            guard !name.isEmpty, let separator = rest.first, separator == "=" || separator == ":" else {
                throw ConfigurationError(
                    field: "\(path), line \(number + 1)", problem: "not a NAME=value line",
                    fix: "Write one secret per line, e.g. LEAFSYNC_LEAFLINK_API_KEY=…")
            }
            guard known.contains(name) else {
                throw ConfigurationError(
                    field: "\(path), line \(number + 1)", problem: "\(name) is not a secret LeafSync reads",
                    fix: "Use one of \(Setting.secrets.map(\.variable).joined(separator: ", ")); other settings go in the configuration file")
            }
            var value = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote { value = String(value.dropFirst().dropLast()) }
            values[name] = value
        }
        return values
    }
}
