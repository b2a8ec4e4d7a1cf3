import Foundation

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
        var out: [ProductSuggestion] = []
        for d in distru {
            var best: ProductSuggestion?
            for l in leafLink where l.unit == d.leafLinkUnit {
                let (score, reason) = SyncState.match(d, l)
                if score >= 50, score > (best?.score ?? -1) {
                    best = ProductSuggestion(side: .distru, distruProductID: d.id, leafLinkProductID: l.id, score: score, reason: reason)
                }
            }
            if let best { out.append(best) }
        }
        for l in leafLink {
            var best: ProductSuggestion?
            for d in distru where l.unit == d.leafLinkUnit {
                let (score, reason) = SyncState.match(d, l)
                if score >= 50, score > (best?.score ?? -1) {
                    best = ProductSuggestion(side: .leafLink, distruProductID: d.id, leafLinkProductID: l.id, score: score, reason: reason)
                }
            }
            if let best { out.append(best) }
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
