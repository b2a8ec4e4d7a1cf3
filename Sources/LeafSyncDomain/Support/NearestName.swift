/// The known name closest to a misspelt one, for "did you mean …?" in error messages.
///
/// Closeness is the edit distance (insertions, deletions, substitutions; a swap of two
/// neighbouring letters counts once), ignoring case. A name further than a third of its length
/// (at least 2) from every candidate has no suggestion:
///
/// ```swift
/// NearestName.suggestion(for: "base_ulr", among: ["base_url", "api_key"])   // "base_url"
/// NearestName.suggestion(for: "colour", among: ["base_url", "api_key"])     // nil
/// ```
public enum NearestName {
    /// The candidate nearest to `name`, if one is near enough (the first of equals, in order).
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(name.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// `" (did you mean X?)"`, or "" when no candidate is near enough.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: name, among: candidates).map { " (did you mean \($0)?)" } ?? ""
    }

    /// The optimal-string-alignment distance between `a` and `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
