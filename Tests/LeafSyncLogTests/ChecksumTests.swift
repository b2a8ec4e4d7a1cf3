import Testing

@testable import LeafSyncLog

@Suite("Event log: checksums")
struct ChecksumTests {
    /// CRC32C one bit at a time, straight from the definition.
    static func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test("CRC32C matches its definition at every length the interleaved paths handle, and extends")
    func crc32c() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        var random = SystemRandomNumberGenerator()
        let data = (0..<60_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        for length in [0, 1, 7, 8, 767, 768, 769, 3 * 8_192 - 1, 3 * 8_192, 3 * 8_192 + 777, 60_000] {
            let bytes = Array(data.prefix(length))
            #expect(CRC32C.checksum(bytes) == Self.reference(bytes), "length \(length)")
        }
        let whole = CRC32C.checksum(data)
        let split = data.withUnsafeBytes { all in
            CRC32C.checksum(
                UnsafeRawBufferPointer(rebasing: all[30_001...]),
                extending: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[..<30_001])))
        }
        #expect(split == whole)
    }
}
