import Crypto
import Foundation

/// A name-based id for records LeafSync creates, so a retried create names the same record:
/// the UUID layout (version 8, RFC 9562) over SHA-256 of `namespace` and `name`.
public enum DeterministicID {
    public static func uuid(namespace: String, name: String) -> String {
        var bytes = Array(Self.sha256(Array("\(namespace)\u{0}\(name)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let c = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    /// The Distru sales-order id LeafSync uses for a LeafLink order.
    public static func salesOrder(forLeafLinkOrder number: String) -> String {
        uuid(namespace: "leafsync.distru.order", name: number)
    }
}
