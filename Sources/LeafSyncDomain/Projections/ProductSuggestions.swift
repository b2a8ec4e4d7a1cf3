import Foundation
import LeafSyncJSON

/// R-PRD-03: the best candidate on the other side for an unlinked product. A projection, not a link.
public struct ProductSuggestion: Equatable, Sendable {
    public enum Side: String, Equatable, Sendable { case distru, leafLink }
    /// The side of the unlinked product the suggestion is for.
    public var side: Side
    public var distruProductID: String
    public var leafLinkProductID: Int
    /// 100 for an exact SKU match; else 0…99, the Dice similarity of the normalised names' bigrams.
    public var score: Int
    public var reason: String
}

extension SyncState {
    /// R-PRD-03: for every unlinked product on either side, the best candidate among unlinked
    /// products on the other side: exact SKU first, then normalised name similarity (at least 50),
    /// same unit type required. Ties go to the lower id.
    public func productSuggestions() -> [ProductSuggestion] {
        let distru = distruProducts.values.filter { links[$0.id] == nil && $0.isActive }.sorted { $0.id < $1.id }
        let leafLink = leafLinkProducts.values.filter { linkOfLeafLinkProduct[$0.id] == nil }.sorted { $0.id < $1.id }
        // Each name's bigrams are counted once, and each pair scored once for both directions:
        // catalogues of hundreds of products on each side stay cheap.
        let distruKeys = distru.map { MatchKey(sku: $0.sku, name: Reduction.normalizedName($0.name)) }
        let leafLinkKeys = leafLink.map { MatchKey(sku: $0.sku, name: Reduction.normalizedName($0.name)) }
        var bestForDistru = [ProductSuggestion?](repeating: nil, count: distru.count)
        var bestForLeafLink = [ProductSuggestion?](repeating: nil, count: leafLink.count)
        for (i, d) in distru.enumerated() {
            for (j, l) in leafLink.enumerated() where l.unit == d.leafLinkUnit {
                let score = distruKeys[i].score(against: leafLinkKeys[j])
                guard score >= 50 else { continue }
                let reason = score == 100 ? "exact SKU \(d.sku!)" : "name similarity \(score)"
                if score > (bestForDistru[i]?.score ?? -1) {
                    bestForDistru[i] = ProductSuggestion(
                        side: .distru, distruProductID: d.id, leafLinkProductID: l.id, score: score, reason: reason)
                }
                if score > (bestForLeafLink[j]?.score ?? -1) {
                    bestForLeafLink[j] = ProductSuggestion(
                        side: .leafLink, distruProductID: d.id, leafLinkProductID: l.id, score: score, reason: reason)
                }
            }
        }
        return bestForDistru.compactMap { $0 } + bestForLeafLink.compactMap { $0 }
    }

    /// A product's SKU and name bigrams, prepared once for many comparisons.
    struct MatchKey {
        let sku: String?
        let bigrams: [UInt64: Int]
        let total: Int

        init(sku: String?, name: String) {
            let trimmed = sku?.lowercased().trimmingSpaces
            self.sku = (trimmed?.isEmpty ?? true) ? nil : trimmed
            self.bigrams = SyncState.bigrams(name)
            self.total = bigrams.values.reduce(0, +)
        }

        /// `match`'s score: 100 for the same SKU, else the Dice similarity capped at 99.
        func score(against other: MatchKey) -> Int {
            if let sku, sku == other.sku { return 100 }
            let total = self.total + other.total
            guard total > 0 else { return 0 }
            let (small, large) = bigrams.count <= other.bigrams.count ? (bigrams, other.bigrams) : (other.bigrams, bigrams)
            let common = small.reduce(0) { $0 + min($1.value, large[$1.key] ?? 0) }
            return min(99, 200 * common / total)
        }
    }

    /// Character bigrams of `s`, each packed into one integer, with their counts.
    static func bigrams(_ s: String) -> [UInt64: Int] {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 2 else { return scalars.isEmpty ? [:] : [UInt64(scalars[0].value): 1] }
        var out: [UInt64: Int] = [:]
        for i in 0..<(scalars.count - 1) {
            out[UInt64(scalars[i].value) << 32 | UInt64(scalars[i + 1].value), default: 0] += 1
        }
        return out
    }

    static func match(_ d: DistruProduct, _ l: LeafLinkProduct) -> (Int, String) {
        if let a = d.sku?.lowercased().trimmingSpaces, let b = l.sku?.lowercased().trimmingSpaces, !a.isEmpty, a == b {
            return (100, "exact SKU \(d.sku!)")
        }
        let score = min(99, diceSimilarity(Reduction.normalizedName(d.name), Reduction.normalizedName(l.name)))
        return (score, "name similarity \(score)")
    }

    /// Dice coefficient of character bigrams, as an integer percentage (exact, no floating point).
    static func diceSimilarity(_ a: String, _ b: String) -> Int {
        func bigrams(_ s: String) -> [String: Int] {
            let chars = Array(s)
            var out: [String: Int] = [:]
            guard chars.count >= 2 else { return s.isEmpty ? [:] : [s: 1] }
            for i in 0..<(chars.count - 1) { out[String(chars[i...i + 1]), default: 0] += 1 }
            return out
        }
        let x = bigrams(a), y = bigrams(b)
        let total = x.values.reduce(0, +) + y.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let common = x.reduce(0) { $0 + min($1.value, y[$1.key] ?? 0) }
        return 200 * common / total
    }
}
