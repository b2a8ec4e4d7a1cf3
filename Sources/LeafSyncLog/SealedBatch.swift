/// A batch ready to be written except for its base sequence, which the writer assigns when it
/// writes the batch (the header, and only the header, depends on it).
struct SealedBatch: Sendable {
    var codec: BatchHeader.Codec
    var count: UInt32
    var rawSize: UInt32
    /// The stored (possibly compressed) body.
    var body: [UInt8]
    var bodyChecksum: UInt32

    /// Compresses a raw body of `count` encoded events. Incompressible bodies are stored raw.
    init(rawBody: [UInt8], count: Int) {
        self.count = UInt32(count)
        self.rawSize = UInt32(rawBody.count)
        if let compressed = rawBody.withUnsafeBytes({ LZ4.compress($0) }) {
            self.codec = .lz4
            self.body = compressed
        } else {
            self.codec = .raw
            self.body = rawBody
        }
        self.bodyChecksum = CRC32C.checksum(body)
    }

    func header(baseSequence: UInt64) -> BatchHeader {
        BatchHeader(
            codec: codec, baseSequence: baseSequence, count: count, rawSize: rawSize,
            storedSize: UInt32(body.count), bodyChecksum: bodyChecksum
        )
    }
}
