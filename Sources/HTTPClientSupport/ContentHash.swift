import Crypto
import Foundation

/// SHA-256 of a payload, lowercase hex, for "has this record changed since it was last observed".
package func contentHash(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
