/// The fixed 36-byte header in front of every batch in a segment file.
///
/// ```
/// offset  size  field
///      0     4  magic "LSB1"
///      4     1  format version (1)
///      5     1  codec (0 stored raw, 1 LZ4 block, 2 LZ4 block re-encoded by compaction)
///      6     2  reserved, zero
///      8     8  base sequence (sequence of the first event)
///     16     4  event count
///     20     4  raw (uncompressed) body size
///     24     4  stored body size
///     28     4  CRC32C of the stored body
///     32     4  CRC32C of bytes 0..<32
/// ```
/// All integers little-endian. Two checksums let recovery tell a torn tail (a valid header whose
/// body was cut short) from corruption (a header or body whose checksum fails).
struct BatchHeader: Equatable, Sendable {
    static let size = 36
    static let magic: UInt32 = 0x3142_534C  // "LSB1" read little-endian
    static let formatVersion: UInt8 = 1
    /// Largest stored or raw body accepted; anything larger is an impossible header.
    static let maximumBodySize = 256 << 20

    enum Codec: UInt8, Sendable {
        case raw = 0
        /// An LZ4 block from the fast encoder, as the writer appends it.
        case lz4 = 1
        /// An LZ4 block from the high-compression encoder, written by ``LogCompactor``: read
        /// exactly like `lz4`; marked so that compaction skips it.
        case lz4Compacted = 2

        var isLZ4: Bool { self != .raw }
    }

    var codec: Codec
    var baseSequence: UInt64
    var count: UInt32
    var rawSize: UInt32
    var storedSize: UInt32
    var bodyChecksum: UInt32

    var lastSequence: UInt64 { baseSequence + UInt64(count) - 1 }
    var batchSize: UInt64 { UInt64(Self.size) + UInt64(storedSize) }

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.size)
        bytes.appendLittleEndian(Self.magic)
        bytes.append(Self.formatVersion)
        bytes.append(codec.rawValue)
        bytes.appendLittleEndian(UInt16(0))
        bytes.appendLittleEndian(baseSequence)
        bytes.appendLittleEndian(count)
        bytes.appendLittleEndian(rawSize)
        bytes.appendLittleEndian(storedSize)
        bytes.appendLittleEndian(bodyChecksum)
        bytes.appendLittleEndian(bytes.withUnsafeBytes { CRC32C.checksum($0) })
        return bytes
    }

    /// Why 36 bytes are not a valid header.
    enum DecodeFailure: Error, Equatable {
        case allZero
        case checksumMismatch
        case impossible(String)
    }

    /// Parses and validates a header. The header checksum is checked before any field is trusted.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Result<BatchHeader, DecodeFailure> {
        precondition(bytes.count >= size)
        let header = UnsafeRawBufferPointer(rebasing: bytes[0..<size])
        if header.allSatisfy({ $0 == 0 }) { return .failure(.allZero) }
        var reader = ByteReader(header)
        let magicValue = reader.read(UInt32.self)!
        let version = reader.read(UInt8.self)!
        let codecValue = reader.read(UInt8.self)!
        let reserved = reader.read(UInt16.self)!
        let base = reader.read(UInt64.self)!
        let count = reader.read(UInt32.self)!
        let raw = reader.read(UInt32.self)!
        let stored = reader.read(UInt32.self)!
        let bodyCRC = reader.read(UInt32.self)!
        let headerCRC = reader.read(UInt32.self)!
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: header[0..<32])) == headerCRC else {
            return .failure(.checksumMismatch)
        }
        guard magicValue == magic else { return .failure(.impossible("bad magic number")) }
        guard version == formatVersion else { return .failure(.impossible("unknown batch format version \(version)")) }
        guard let codec = Codec(rawValue: codecValue) else { return .failure(.impossible("unknown codec \(codecValue)")) }
        guard reserved == 0 else { return .failure(.impossible("reserved bits set")) }
        guard base >= 1 else { return .failure(.impossible("base sequence 0")) }
        guard count >= 1 else { return .failure(.impossible("empty batch")) }
        guard raw > 0, stored > 0, Int(raw) <= maximumBodySize, Int(stored) <= maximumBodySize else {
            return .failure(.impossible("impossible body sizes (raw \(raw), stored \(stored))"))
        }
        guard codec.isLZ4 || raw == stored else { return .failure(.impossible("raw body with differing sizes")) }
        return .success(
            BatchHeader(
                codec: codec, baseSequence: base, count: count, rawSize: raw, storedSize: stored, bodyChecksum: bodyCRC
            ))
    }
}
