import CLZ4
import Foundation

/// One batch, read, checked, decompressed and split into well-formed records by whichever
/// thread decoded it. The cursor's thread materialises the events (``EventHandout``), so the
/// strings and reference counts of the events it hands out are made and, typically, dropped
/// by that one thread, instead of passing from core to core.
final class DecodedBatch: Sendable {
    let body: BatchBuffer
    /// Start and length of each record in `body`, two `UInt32`s per record.
    let records: BatchBuffer
    let baseSequence: UInt64
    let count: Int

    private init(body: BatchBuffer, records: BatchBuffer, baseSequence: UInt64, count: Int) {
        self.body = body
        self.records = records
        self.baseSequence = baseSequence
        self.count = count
    }

    /// Reads, checks, decompresses and splits into records the batch at `offset`. Every batch
    /// gets its own buffer (from `pool`) for its raw body, which its events' payloads share.
    static func decode(
        _ header: BatchHeader, at offset: UInt64, in file: LogFile, pool: BufferPool
    ) throws -> Result<DecodedBatch, SegmentReader.CorruptBody> {
        let storedSize = Int(header.storedSize)
        let stored = pool.take(atLeast: storedSize)
        let storedBytes = UnsafeMutableRawBufferPointer(start: stored.base, count: storedSize)
        guard try file.read(into: storedBytes, at: offset + UInt64(BatchHeader.size)) == storedSize else {
            return .failure(.init(reason: "batch body cut short"))
        }
        guard CRC32C.checksum(UnsafeRawBufferPointer(storedBytes)) == header.bodyChecksum else {
            return .failure(.init(reason: "batch body checksum mismatch"))
        }
        let raw: BatchBuffer
        switch header.codec {
        case .raw:
            raw = stored
        case .lz4, .lz4Compacted:
            raw = pool.take(atLeast: Int(header.rawSize))
            let destination = UnsafeMutableRawBufferPointer(start: raw.base, count: Int(header.rawSize))
            guard LZ4.decompress(UnsafeRawBufferPointer(storedBytes), into: destination) else {
                return .failure(.init(reason: "batch body does not decompress"))
            }
        }
        guard let records = split(raw, size: Int(header.rawSize), count: Int(header.count), pool: pool) else {
            return .failure(.init(reason: "malformed event records behind a valid checksum"))
        }
        return .success(DecodedBatch(body: raw, records: records, baseSequence: header.baseSequence, count: Int(header.count)))
    }

    /// Where each of the `count` records of a raw body starts and ends; nil unless the body is
    /// exactly `count` well-formed records (anything else, behind a valid checksum, means a
    /// writer bug or deliberate tampering).
    private static func split(_ raw: BatchBuffer, size: Int, count: Int, pool: BufferPool) -> BatchBuffer? {
        let records = pool.take(atLeast: 8 * max(count, 1))
        let body = UnsafeRawBufferPointer(start: raw.base, count: size)
        var reader = ByteReader(body)
        for index in 0..<count {
            guard let length = reader.read(UInt32.self), let record = reader.readBytes(Int(length)),
                EventView(sequence: 0, record: record).isWellFormed
            else { return nil }
            records.base.storeBytes(of: UInt32(reader.position - record.count), toByteOffset: 8 * index, as: UInt32.self)
            records.base.storeBytes(of: length, toByteOffset: 8 * index + 4, as: UInt32.self)
        }
        return reader.remaining == 0 ? records : nil
    }
}
