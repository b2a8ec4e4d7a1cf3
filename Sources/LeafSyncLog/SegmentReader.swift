import Foundation

/// Reads batches from one segment file, reusing its buffers from batch to batch.
final class SegmentReader {
    let file: LogFile
    let name: String
    let base: UInt64
    private var headerBuffer = [UInt8](repeating: 0, count: BatchHeader.size)
    private var storedBuffer: [UInt8] = []
    private var rawBuffer: [UInt8] = []

    init(directory: LogDirectory, base: UInt64) throws {
        self.base = base
        self.name = LogDirectory.segmentFileName(base: base)
        self.file = try LogFile.openForReading(directory.segmentPath(base: base))
    }

    /// What lies at an offset of the segment.
    enum Probe {
        /// A batch whose header is valid and whose body is entirely in the file.
        case batch(BatchHeader)
        /// The end of the data.
        case end
        /// Data that stops short of a whole batch: a torn tail, or a batch still being written.
        case incomplete(String)
        /// A header that cannot be right.
        case corrupt(String)
    }

    /// Reads and validates the header at `offset`, given the file's current size and the
    /// sequence the batch there must start with.
    func probe(at offset: UInt64, fileSize: UInt64, expectedSequence: UInt64) throws -> Probe {
        if offset == fileSize { return .end }
        let remaining = fileSize - offset
        if remaining < UInt64(BatchHeader.size) {
            return .incomplete("\(remaining) bytes at the end are less than a batch header")
        }
        let read = try headerBuffer.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }
        if read < BatchHeader.size { return .incomplete("file shrank while reading") }
        let decoded = headerBuffer.withUnsafeBytes { BatchHeader.decode($0) }
        switch decoded {
        case .failure(.allZero):
            return try restIsZero(from: offset, fileSize: fileSize)
                ? .incomplete("\(remaining) zero bytes at the end (space allocated but never written)")
                : .corrupt("zeroed batch header")
        case .failure(.checksumMismatch):
            return .corrupt("batch header checksum mismatch")
        case let .failure(.impossible(reason)):
            return .corrupt("impossible batch header: \(reason)")
        case let .success(header):
            guard header.baseSequence == expectedSequence else {
                return .corrupt("batch starts at sequence \(header.baseSequence), expected \(expectedSequence)")
            }
            if header.batchSize > remaining {
                return .incomplete("batch body cut short: \(remaining - UInt64(BatchHeader.size)) of \(header.storedSize) bytes present")
            }
            return .batch(header)
        }
    }

    private func restIsZero(from offset: UInt64, fileSize: UInt64) throws -> Bool {
        var position = offset
        while position < fileSize {
            let chunk = try file.read(count: Int(min(1 << 20, fileSize - position)), at: position)
            if chunk.isEmpty { break }
            if chunk.contains(where: { $0 != 0 }) { return false }
            position += UInt64(chunk.count)
        }
        return true
    }

    /// Reads a batch body, checks its checksum and decompresses it.
    /// Calls `body` with the raw (uncompressed) bytes, or returns the reason it is corrupt.
    func withRawBody<R>(
        of header: BatchHeader, at offset: UInt64,
        _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> Result<R, CorruptBody> {
        try Self.withRawBody(of: header, at: offset, in: file, stored: &storedBuffer, raw: &rawBuffer, body)
    }

    /// The same with caller-owned buffers, so several threads can decode batches of one file at once.
    static func withRawBody<R>(
        of header: BatchHeader, at offset: UInt64, in file: LogFile, stored storedBuffer: inout [UInt8], raw rawBuffer: inout [UInt8],
        _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> Result<R, CorruptBody> {
        let stored = Int(header.storedSize)
        if storedBuffer.count < stored { storedBuffer = [UInt8](repeating: 0, count: stored) }
        let read = try storedBuffer.withUnsafeMutableBytes {
            try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<stored]), at: offset + UInt64(BatchHeader.size))
        }
        guard read == stored else { return .failure(CorruptBody(reason: "batch body cut short")) }
        return try storedBuffer.withUnsafeBytes { all -> Result<R, CorruptBody> in
            let storedBytes = UnsafeRawBufferPointer(rebasing: all[0..<stored])
            guard CRC32C.checksum(storedBytes) == header.bodyChecksum else {
                return .failure(CorruptBody(reason: "batch body checksum mismatch"))
            }
            switch header.codec {
            case .raw:
                return .success(try body(storedBytes))
            case .lz4, .lz4Compacted:
                let raw = Int(header.rawSize)
                if rawBuffer.count < raw { rawBuffer = [UInt8](repeating: 0, count: raw) }
                return try rawBuffer.withUnsafeMutableBytes { rawAll -> Result<R, CorruptBody> in
                    let destination = UnsafeMutableRawBufferPointer(rebasing: rawAll[0..<raw])
                    guard LZ4.decompress(storedBytes, into: destination) else {
                        return .failure(CorruptBody(reason: "batch body does not decompress"))
                    }
                    return .success(try body(UnsafeRawBufferPointer(destination)))
                }
            }
        }
    }

    struct CorruptBody: Error { var reason: String }
}
