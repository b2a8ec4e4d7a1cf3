import Foundation

/// Records from the repository's `data/scenarios` (found from this file's path).
enum Sample {
    static let names = [
        "leaflink/order-submitted.json", "leaflink/product-2093.json", "leaflink/webhook-order-edit.json",
        "distru/sales-order-synced.json", "distru/company-good-vibrations.json", "distru/user-john.json",
    ]

    static func bytes(_ name: String) -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("data/scenarios/\(name)").path) else {
            fatalError("missing sample data/scenarios/\(name)")
        }
        return Array(data)
    }
}
