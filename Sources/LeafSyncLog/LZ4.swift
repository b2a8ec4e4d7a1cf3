import CLZ4

/// LZ4 block compression (liblz4), the codec of every batch body: the fast encoder when
/// appending, the high-compression one (LZ4HC, same block format) when compacting.
enum LZ4 {
    /// LZ4's speed/ratio trade-off (1 = default, higher compresses faster and worse). At 1 the
    /// benchmark's records compress 8.4:1 (7.7:1 at 4) and a full scan, which is mostly
    /// decompression, runs ~8% faster; appends run ~8% slower, still ~9x the SQLite baseline.
    /// Only the writer uses it: logs written at any setting read the same.
    static let acceleration: Int32 = 1

    /// Compresses `source` with the fast encoder; nil when the result would not be smaller (store raw then).
    static func compress(_ source: UnsafeRawBufferPointer) -> [UInt8]? {
        compress(source) { LZ4_compress_fast($0, $1, $2, $3, acceleration) }
    }

    /// The LZ4HC level compaction uses: on the benchmark's records, 11.3:1 instead of 8.0:1 at
    /// ~450 MB/s per core instead of ~1.9 GB/s, and blocks that decompress at ~14 GB/s instead of
    /// ~10 GB/s (`lz4 -b1` vs `lz4 -b3`): fewer, longer matches. Higher levels gain little more.
    static let compactionLevel: Int32 = 3

    /// Compresses `source` with the high-compression encoder (LZ4HC). The output is an ordinary
    /// LZ4 block, read by ``decompress(_:into:)``. Returns nil when it would not be smaller.
    static func compressHighly(_ source: UnsafeRawBufferPointer, level: Int32 = compactionLevel) -> [UInt8]? {
        compress(source) { LZ4_compress_HC($0, $1, $2, $3, level) }
    }

    /// Runs an LZ4 block encoder `(source, destination, source size, destination capacity) ->
    /// bytes written` into a buffer of the worst-case size.
    private static func compress(
        _ source: UnsafeRawBufferPointer, with encode: (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>, Int32, Int32) -> Int32
    ) -> [UInt8]? {
        guard source.count > 0, source.count <= Int(LZ4_MAX_INPUT_SIZE) else { return nil }
        let bound = Int(LZ4_compressBound(Int32(source.count)))
        var written = 0
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            let n = encode(
                source.baseAddress!.assumingMemoryBound(to: CChar.self),
                UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(source.count), Int32(bound))
            written = Int(n)
            initialized = max(0, Int(n))
        }
        guard written > 0, written < source.count else { return nil }
        return output
    }

    /// Decompresses into `destination`, which must be exactly the original size.
    /// Returns false when the input is not a valid LZ4 block of that size.
    static func decompress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        guard source.count > 0, destination.count > 0 else { return false }
        let n = LZ4_decompress_safe(
            source.baseAddress!.assumingMemoryBound(to: CChar.self),
            destination.baseAddress!.assumingMemoryBound(to: CChar.self),
            Int32(source.count), Int32(destination.count)
        )
        return Int(n) == destination.count
    }
}
