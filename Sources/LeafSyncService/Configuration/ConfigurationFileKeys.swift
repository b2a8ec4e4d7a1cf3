import LeafSyncDomain
import Yams

/// The keys a YAML configuration file sets, dotted the way swift-configuration reads them
/// (`leaflink: {base_url: …}` sets `leaflink.base_url`), so a key LeafSync does not know is an
/// error at start rather than a value silently ignored: swift-configuration only looks keys up.
///
/// ```
/// leaflink.base_ulr in /srv/acme/leafsync.yaml: not a LeafSync setting (did you mean leaflink.base_url?).
/// Correct or delete it. The file's settings are: leaflink.base_url, distru.base_url, …
/// ```
enum ConfigurationFileKeys {
    /// Every key `text` gives a value to: the path of each mapping leaf (a scalar, a sequence, or
    /// a null such as a section whose keys are all commented out), in the file's order.
    static func keys(in text: String) throws -> [(key: String, isNull: Bool)] {
        guard let root = try Yams.compose(yaml: text)?.mapping else { return [] }
        var keys: [(key: String, isNull: Bool)] = []
        var pending: [(path: [String], node: Node.Mapping)] = [([], root)]
        while !pending.isEmpty {
            let (path, mapping) = pending.removeFirst()
            for (key, value) in mapping {
                let dotted = path + [key.string ?? "\(key)"]
                if let inner = value.mapping {
                    pending.append((dotted, inner))
                } else {
                    keys.append((dotted.joined(separator: "."), value.null != nil))
                }
            }
        }
        return keys
    }

    /// Throws for the first key of `text` that is no ``Setting``, naming the nearest one. A section
    /// left empty (`metrc:` with every key commented out) is not a key.
    static func check(_ text: String, path: String) throws {
        let known = Setting.all.map(\.key)
        let sections = Set(known.compactMap { key in key.firstIndex(of: ".").map { String(key[..<$0]) } })
        for (key, isNull) in try keys(in: text) where !known.contains(key) && !(isNull && sections.contains(key)) {
            let nearest = NearestName.suggestion(for: key, among: known).flatMap { name in Setting.all.first { $0.key == name } }
            let fix =
                nearest?.isSecret == true
                ? "Delete it: \(nearest!.key) is a secret, which is read only from \(nearest!.variable) or the secrets file that secrets_file: names"
                : "Correct or delete it. The file's settings are: \(Setting.all.filter { !$0.isSecret }.map(\.key).joined(separator: ", "))"
            throw ConfigurationError(
                field: "\(key) in \(path)", problem: "not a LeafSync setting\(nearest.map { " (did you mean \($0.key)?)" } ?? "")", fix: fix)
        }
    }
}
