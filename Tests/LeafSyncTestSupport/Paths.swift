public import Foundation

/// Paths relative to this repository: its root, the shared spec and samples next to it (CI
/// has `../shared` beside the checkout too), and the simulators' demo seeds.
public enum Paths {
    /// The repository's root directory.
    public static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `../shared`: the spec and the vendors' sample payloads. A checkout in a worktree folder
    /// (`…/wt/<name>`) finds it one level further up.
    public static let shared: URL = {
        let parent = repoRoot.deletingLastPathComponent()
        let candidates = [parent, parent.deletingLastPathComponent()].map { $0.appendingPathComponent("shared") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()
    /// LeafLink's published examples and recorded payloads.
    public static let leafLinkSamples = shared.appendingPathComponent("leaflink-samples")
    /// The LeafLink simulator's demo seed.
    public static let leafLinkDemo = repoRoot.appendingPathComponent("data/demo/leaflink")
    /// The Distru simulator's demo seed.
    public static let distruDemo = repoRoot.appendingPathComponent("data/demo/distru")

    /// The bytes of a LeafLink sample, by its path under ``leafLinkSamples``.
    public static func leafLinkSample(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: leafLinkSamples.appendingPathComponent(relative)))
    }
}
