/// FNV-1a, 64 bit: a hash that is the same in every process and on every machine.
///
/// Used for JSON fingerprints (R-ENG-01), the deterministic rep choice (R-ORD-04) and
/// idempotency keys. Swift's `Hasher` is seeded per process and must never be used for these.
public enum StableHash {
    public static func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func fnv1a64(_ text: String) -> UInt64 { fnv1a64(text.utf8) }

    /// 16 lowercase hex digits of the FNV-1a hash of `text`.
    public static func hex(_ text: String) -> String {
        let h = String(fnv1a64(text), radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }

    /// A 64-bit finaliser (SplitMix64's): spreads every input bit over the output.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
