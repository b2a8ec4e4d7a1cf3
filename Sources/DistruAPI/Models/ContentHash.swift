import Crypto
import HTTPClientSupport

/// SHA-256 of a payload, hex, for "has this record changed since it was last observed".
public func distruContentHash(_ bytes: [UInt8]) -> String { contentHash(bytes) }

func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
